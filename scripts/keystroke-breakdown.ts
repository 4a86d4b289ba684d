/**
 * One keystroke in table 三 taken apart (decision 0620): the bench's page and typing
 * (bench/keystroke.ts), two traced passes.
 * 1. Costs: a Chrome trace (timeline categories, no invalidation tracking) of KEYS keys. Per key:
 *    the renderer main thread's steps (thread time and count: script, style, layout, pre-paint,
 *    paint, layerize, commit), the elements each style recalc touched, the layout's dirty and
 *    total objects, the frames (BeginMainThreadFrame) and the paints by layer.
 * 2. Causes: the same typing traced with Chromium's invalidation tracking (which slows the page:
 *    its costs are not read). Per key: style, layout and paint invalidations by reason and node.
 * `--sources`: a third pass with the posted tasks' sources; `--eval file.js`: a DOM change first;
 * `--static`: the editor's markup without scripts at the app's origin (Chromium's own cost).
 * Run after `npm run build`: `npx tsx --conditions=react-server scripts/keystroke-breakdown.ts`.
 */
import fs from 'node:fs'
import os from 'node:os'
import type { Browser, Page } from '@playwright/test'
import { openEditorOnTable3 } from '../bench/keystroke'
import { mainThread, type TraceEvent, tracedKeystrokes } from './keystroke-trace'

const KEYS = Number(process.env.KEYS ?? 50)

async function traced(browser: Browser, page: Page, categories: string[]): Promise<TraceEvent[]> {
  await page.locator('[data-path="applications.granted.natural"]').click()
  await page.keyboard.press('End')
  await page.waitForTimeout(200)
  return tracedKeystrokes(browser, page, KEYS, categories)
}

const add = (m: Map<string, { ms: number; n: number }>, k: string, ms: number) => {
  const cur = m.get(k) ?? { ms: 0, n: 0 }
  cur.ms += ms
  cur.n++
  m.set(k, cur)
}

function costs(events: TraceEvent[], detail = false) {
  const main = mainThread(events)
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid)
  if (detail) {
    // Which posted tasks (their source, in the toplevel category) take the time.
    const bySource = new Map<string, { ms: number; n: number }>()
    for (const e of on) {
      if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue
      if (e.ph !== 'X') continue
      add(bySource, JSON.stringify(e.args ?? {}).slice(0, 200), (e.tdur ?? 0) / 1000)
    }
    // What autofill's task does (its children by name, with the categories traced).
    const inside = new Map<string, { ms: number; n: number }>()
    for (const t of on) {
      if (t.ph !== 'X' || !JSON.stringify(t.args ?? {}).includes('FormControlDidChange')) continue
      for (const e of on)
        if (e !== t && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && !/RunTask/.test(e.name))
          add(inside, e.name, (e.tdur ?? e.dur ?? 0) / 1000)
    }
    console.log('\ninside the autofill FormControlDidChange task, per key:')
    for (const [k, { ms, n }] of [...inside].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
      console.log(`  ${(ms / KEYS).toFixed(3).padStart(7)} ms  ${(n / KEYS).toFixed(2).padStart(6)}×  ${k}`)
    }
    console.log('\ntasks by source (with the toplevel category), per key:')
    for (const [k, { ms, n }] of [...bySource].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
      console.log(`  ${(ms / KEYS).toFixed(3).padStart(7)} ms  ${(n / KEYS).toFixed(2).padStart(6)}×  ${k}`)
    }
  }
  const steps = new Map<string, { ms: number; n: number }>()
  for (const e of on) if (e.ph === 'X') add(steps, e.name, (e.tdur ?? e.dur ?? 0) / 1000)
  console.log(`\ncosts, renderer main thread per key (thread time; nested events overlap), load ${os.loadavg()[0]}:`)
  for (const [name, { ms, n }] of [...steps].sort((a, b) => b[1].ms - a[1].ms).slice(0, 28)) {
    console.log(`  ${(ms / KEYS).toFixed(3).padStart(7)} ms  ${(n / KEYS).toFixed(2).padStart(6)}×  ${name}`)
  }
  // Style recalcs: elements touched.
  const styles = on.filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X')
  const elementCounts = styles.map((e) => Number((e.args?.elementCount as number) ?? 0))
  console.log(
    `style recalcs: ${(styles.length / KEYS).toFixed(2)} per key, elements per key ${(elementCounts.reduce((a, b) => a + b, 0) / KEYS).toFixed(1)} (largest ${Math.max(0, ...elementCounts)})`,
  )
  // Layouts: dirty and total objects (beginData), and the forced ones (inside a script).
  const layouts = on.filter((e) => e.name === 'Layout' && e.ph === 'X')
  const dirty = layouts.map((e) => Number(e.args?.beginData?.dirtyObjects ?? 0))
  const total = layouts.map((e) => Number(e.args?.beginData?.totalObjects ?? 0))
  const partial = layouts.filter((e) => e.args?.beginData?.partialLayout).length
  console.log(
    `layouts: ${(layouts.length / KEYS).toFixed(2)} per key, dirty objects per key ${(dirty.reduce((a, b) => a + b, 0) / KEYS).toFixed(1)}, total objects (largest) ${Math.max(0, ...total)}, partial ${partial}`,
  )
  const forced = layouts.filter((l) =>
    on.some(
      (e) =>
        (e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire') &&
        e.ph === 'X' &&
        e.ts <= l.ts &&
        e.ts + (e.dur ?? 0) >= l.ts + (l.dur ?? 0),
    ),
  )
  console.log(`  inside a script (forced or editing's own): ${(forced.length / KEYS).toFixed(2)} per key`)
  const frames = on.filter((e) => e.name === 'BeginMainThreadFrame').length
  const layerize = on.filter((e) => e.name === 'Layerize' && e.ph === 'X').length
  console.log(
    `frames (BeginMainThreadFrame): ${(frames / KEYS).toFixed(2)} per key, layerize ${(layerize / KEYS).toFixed(2)}`,
  )
  // Paints by layer / node.
  const paints = new Map<string, { ms: number; n: number }>()
  for (const e of on) {
    if (e.name !== 'Paint' || e.ph !== 'X') continue
    const d = e.args?.data ?? {}
    add(
      paints,
      `layer ${d.layerId ?? '?'} node ${d.nodeId ?? '?'} clip ${JSON.stringify(d.clip ?? '').slice(0, 40)}`,
      (e.tdur ?? e.dur ?? 0) / 1000,
    )
  }
  console.log(`paints by layer (${paints.size} distinct):`)
  for (const [k, { ms, n }] of [...paints].sort((a, b) => b[1].n - a[1].n).slice(0, 20)) {
    console.log(`  ${(n / KEYS).toFixed(2).padStart(6)}×  ${(ms / KEYS).toFixed(3)} ms  ${k}`)
  }
  // The timeline of one key in the middle: top-level tasks and their children.
  const keydowns = on.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
  const k = keydowns[Math.floor(keydowns.length / 2)]
  if (k) {
    const next = keydowns[keydowns.indexOf(k) + 1]
    const end = next ? next.ts : k.ts + 40_000
    console.log('\none key, from its keydown (µs from keydown, thread time):')
    // The children of the key's largest tasks, by name.
    const tasks = on.filter((x) => x.name === 'RunTask' && x.ph === 'X' && x.ts >= k.ts - 2000 && x.ts < end)
    for (const t of tasks.filter((x) => (x.tdur ?? 0) > 1000)) {
      const inside = new Map<string, { ms: number; n: number }>()
      for (const e of on)
        if (e !== t && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0))
          add(inside, e.name, (e.tdur ?? e.dur ?? 0) / 1000)
      console.log(
        `  task at ${Math.round(t.ts - k.ts)} µs, ${((t.tdur ?? 0) / 1000).toFixed(2)} ms ${JSON.stringify(t.args ?? {}).slice(0, 160)}: ${[
          ...inside,
        ]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 12)
          .map(([n, v]) => `${n} ${v.ms.toFixed(2)}`)
          .join(', ')}`,
      )
    }
    for (const e of on.filter((x) => x.ph === 'X' && x.ts >= k.ts - 2000 && x.ts < end).sort((a, b) => a.ts - b.ts)) {
      const wanted = [
        'RunTask',
        'EventDispatch',
        'FunctionCall',
        'TimerFire',
        'FireAnimationFrame',
        'UpdateLayoutTree',
        'Layout',
        'PrePaint',
        'Paint',
        'Layerize',
        'Commit',
        'BeginMainThreadFrame',
        'HitTest',
      ]
      if (!wanted.includes(e.name)) continue
      const extra =
        e.name === 'EventDispatch'
          ? String(e.args?.data?.type)
          : e.name === 'UpdateLayoutTree'
            ? `elements ${e.args?.elementCount}`
            : e.name === 'Layout'
              ? `dirty ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}`
              : e.name === 'Paint'
                ? `node ${e.args?.data?.nodeId}`
                : ''
      console.log(
        `  ${String(Math.round(e.ts - k.ts)).padStart(7)}  ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(3).padStart(7)} ms  ${e.name} ${extra}`,
      )
    }
  }
}

function causes(events: TraceEvent[]) {
  const main = mainThread(events)
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid)
  const kinds = new Map<string, number>()
  for (const e of on) {
    if (!/Invalidation|Invalidat/.test(e.name)) continue
    const d = e.args?.data ?? {}
    const key = `${e.name}: ${d.reason ?? d.invalidatedSelectorId ?? ''} ${d.nodeName ?? ''} ${d.changedAttribute ?? d.changedClass ?? d.changedId ?? d.changedPseudo ?? ''}`
    kinds.set(key, (kinds.get(key) ?? 0) + 1)
  }
  console.log('\ninvalidations per key (traced with invalidation tracking):')
  for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`  ${(n / KEYS).toFixed(2).padStart(6)}  ${k.slice(0, 150)}`)
  }
}

async function main() {
  const { browser, page, close } = await openEditorOnTable3()
  try {
    if (process.argv.includes('--static')) {
      // The editor's markup as drawn, without its scripts, in a page of its own: what Chromium
      // alone (editing, autofill, paint) spends on a key in this DOM.
      const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '')
      // Served at the app's own origin (autofill and the password manager skip about:blank).
      const copy = await page.context().newPage()
      const address = new URL('/keystroke-static-copy', page.url()).href
      await copy.route(address, (r) => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }))
      await copy.goto(address)
      const evalAt = process.argv.indexOf('--eval')
      if (evalAt > 0) console.log('eval:', await copy.evaluate(fs.readFileSync(process.argv[evalAt + 1], 'utf8')))
      costs(
        await traced(browser, copy, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel']),
        true,
      )
      return
    }
    // An experiment on the page before tracing (`--eval file.js`: a DOM change to try without a rebuild).
    const evalAt = process.argv.indexOf('--eval')
    if (evalAt > 0) await page.evaluate(fs.readFileSync(process.argv[evalAt + 1], 'utf8'))
    // Warm up (JIT, first findings).
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press(i % 2 ? 'Backspace' : '7')
      await page.waitForTimeout(30)
    }
    costs(
      await traced(browser, page, [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
      ]),
    )
    if (process.argv.includes('--sources'))
      costs(
        await traced(browser, page, [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'toplevel',
          'v8.execute',
        ]),
        true,
      )
    causes(
      await traced(browser, page, [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.invalidationTracking',
      ]),
    )
  } finally {
    await close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
