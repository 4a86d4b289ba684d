/**
 * Where a keystroke in table 三 spends the renderer's time (decision 0330): the bench's page and
 * typing (bench/keystroke.ts), with a CPU profile (CDP Profiler, 100 µs sampling) and a Chrome
 * trace. Prints per keystroke:
 * - the JavaScript functions with the most self time, and those with the most total time
 *   (the production bundle is minified: a function is named by chunk:line:column, which
 *   `--show` prints the source around);
 * - the trace's main-thread events by name (Layout, Paint, Layerize, EventDispatch, …);
 * - the components rendered per key, in a last pass with the page reloaded with the bench's
 *   render-counting hook (the profile and the trace are taken without it).
 * Run after `npm run build`: `npm run profile:keystroke` (flags after `--`: `--mutations`, `--findings`,
 * `--save` writes /tmp/keystroke.cpuprofile).
 */
import fs from 'node:fs'
import { focusTypedCell, openEditorOnTable3, reloadWithRenderCounter, typeKeys } from '../bench/keystroke'
import { type CpuProfile, chunkPositionName, largest, PSEUDO_FRAME, summariseProfiles } from './cpuprofile-summary'
import { mainThread, tracedKeystrokes, typeKeystrokes } from './keystroke-trace'

const KEYS = Number(process.env.KEYS ?? 60)

async function main() {
  const { browser, page, close } = await openEditorOnTable3()
  try {
    const cdp = await page.context().newCDPSession(page)
    await focusTypedCell(page)
    // Warm up (JIT, first findings), then measure.
    await typeKeys(page, 10)
    await page.waitForTimeout(600)
    // DOM changes per key, by the changed node's nearest ancestor with a class.
    // (A string: tsx's helpers for named functions do not exist in the page.)
    if (process.argv.includes('--mutations'))
      await page.evaluate(`(() => {
      window.__mutations = {}
      const where = (n) => {
        let e = n instanceof Element ? n : (n && n.parentElement)
        const parts = []
        while (e && parts.length < 3) {
          if (e.className && typeof e.className === 'string') parts.push(e.tagName.toLowerCase() + '.' + e.className.split(' ')[0])
          e = e.parentElement
        }
        return parts.join(' < ')
      }
      new MutationObserver((records) => {
        for (const r of records) {
          const key = r.type + (r.attributeName ? '[' + r.attributeName + ']' : '') + ' ' + where(r.target) + ' +' + r.addedNodes.length + '-' + r.removedNodes.length
          window.__mutations[key] = (window.__mutations[key] || 0) + 1
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    })()`)
    const type = () => typeKeystrokes(page, KEYS)
    // The profile and the trace in separate passes: the timeline categories record a stack trace
    // with each timer and invalidation, which would be counted as the page's own time.
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await cdp.send('Profiler.start')
    await type()
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile }
    const events = await tracedKeystrokes(browser, page, KEYS, ['devtools.timeline'])
    // What the findings list holds with the wrong digit typed, and without.
    if (process.argv.includes('--findings')) {
      const list = () => page.$$eval('ol.findings-list > li', (lis) => lis.map((li) => li.textContent?.slice(0, 60)))
      await page.keyboard.press('7')
      await page.waitForTimeout(100)
      console.log('findings with 7:', JSON.stringify(await list()))
      await page.keyboard.press('Backspace')
      await page.waitForTimeout(100)
      console.log('findings without:', JSON.stringify(await list()))
    }
    const mutations =
      (await page.evaluate(() => (window as unknown as { __mutations?: Record<string, number> }).__mutations)) ?? {}
    // The components rendered, by type: the page again with the render-counting hook.
    await reloadWithRenderCounter(page)
    await focusTypedCell(page)
    await page.evaluate('window.__renderedTypes = {}')
    await type()
    const types = (await page.evaluate('window.__renderedTypes')) as Record<string, number>
    console.log('components rendered per key, by the start of their source:')
    for (const [k, n] of Object.entries(types)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)) {
      console.log(`  ${(n / KEYS).toFixed(2).padStart(6)}  ${k.replace(/\s+/g, ' ')}`)
    }
    if (Object.keys(mutations).length) console.log('DOM changes per key (both passes):')
    for (const [k, n] of Object.entries(mutations)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)) {
      console.log(`  ${(n / KEYS / 2).toFixed(2).padStart(6)}  ${k}`)
    }
    if (process.argv.includes('--save')) fs.writeFileSync('/tmp/keystroke.cpuprofile', JSON.stringify(profile))

    // Self and total time per function (scripts/cpuprofile-summary.ts), the bundle's chunk:line:column.
    const { self, inclusive } = summariseProfiles([profile], chunkPositionName, () => false)
    const notPseudo = (k: string) => !PSEUDO_FRAME.test(k)
    const top = (m: Map<string, number>, count: number) =>
      largest(m, count, notPseudo)
        .map(([k, v]) => `  ${(v / 1000 / KEYS).toFixed(3).padStart(7)} ms  ${k}`)
        .join('\n')
    const busy = [...self].filter(([k]) => notPseudo(k)).reduce((s, [, v]) => s + v, 0) / 1000
    console.log(`JavaScript (profile samples, not idle/program): ${(busy / KEYS).toFixed(2)} ms per key`)
    console.log(`self time per key:\n${top(self, 30)}`)
    console.log(`total time per key:\n${top(inclusive, 40)}`)

    const main = mainThread(events)
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
    const byName = new Map<string, { ms: number; n: number }>()
    for (const e of onMain) {
      const cur = byName.get(e.name) ?? { ms: 0, n: 0 }
      cur.ms += (e.tdur ?? e.dur ?? 0) / 1000
      cur.n++
      byName.set(e.name, cur)
    }
    console.log('trace, main thread per key (thread time, nested events overlap):')
    for (const [name, { ms, n }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) {
      console.log(`  ${(ms / KEYS).toFixed(3).padStart(7)} ms  ${(n / KEYS).toFixed(2).padStart(6)}×  ${name}`)
    }
  } finally {
    await close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
