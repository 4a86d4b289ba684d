/**
 * A/B of style changes on the keystroke's cost without a rebuild (decision 0520): the bench's
 * page and typing (bench/keystroke.ts), with each variant's CSS put into the same page in turn
 * (A B A B …, so every variant sees the same minute of machine load), and a Chrome trace per
 * round. Prints per variant and key the renderer's main-thread CPU (RunTask thread time) and the
 * rendering steps (Layout, PrePaint, Paint, Layerize, style), and the in-page latency median.
 *
 * Variants are CSS files given on the command line (the first is usually an empty file: the app
 * as built): `npx tsx --conditions=react-server scripts/keystroke-css-ab.ts a.css b.css`.
 * ROUNDS (default 3) and KEYS (default 40) from the environment.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { median, openEditorOnTable3 } from '../bench/keystroke'
import { mainThread, tracedKeystrokes } from './keystroke-trace'

const ROUNDS = Number(process.env.ROUNDS ?? 3)
const KEYS = Number(process.env.KEYS ?? 40)
const STEPS = [
  'RunTask',
  'EventDispatch',
  'FunctionCall',
  'Layout',
  'UpdateLayoutTree',
  'PrePaint',
  'Paint',
  'Layerize',
]

/** Replaces the variant's style element (id keystroke-ab) with this CSS. */
async function applyVariant(page: Page, css: string) {
  await page.evaluate((text) => {
    document.getElementById('keystroke-ab')?.remove()
    // A variant may fix a table's box to its height as drawn now (var(--grid-h)).
    for (const el of document.querySelectorAll<HTMLElement>('.grid-scroll')) {
      if (!el.style.getPropertyValue('--grid-h')) el.style.setProperty('--grid-h', `${el.offsetHeight}px`)
    }
    const style = document.createElement('style')
    style.id = 'keystroke-ab'
    style.textContent = text
    document.head.append(style)
  }, css)
  await page.waitForTimeout(300)
}

/** One round: KEYS keystrokes traced, with the in-page latency of each. */
async function round(browser: Browser, page: Page) {
  await page.locator('[data-path="applications.granted.natural"]').click()
  await page.keyboard.press('End')
  await page.evaluate(`(() => {
    window.__ab = []
    if (window.__abProbe) return
    window.__abProbe = true
    document.addEventListener('keydown', (e) => {
      const start = e.timeStamp
      requestAnimationFrame(() => setTimeout(() => window.__ab.push(performance.now() - start), 0))
    }, true)
  })()`)
  await page.waitForTimeout(100)
  const events = await tracedKeystrokes(browser, page, KEYS, [
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
  ])
  const latencies = (await page.evaluate('window.__ab')) as number[]
  const main = mainThread(events)
  const steps: Record<string, { ms: number; n: number }> = {}
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !STEPS.includes(e.name)) continue
    const s = steps[e.name] ?? { ms: 0, n: 0 }
    steps[e.name] = s
    s.ms += (e.tdur ?? e.dur ?? 0) / 1000 / KEYS
    s.n += 1 / KEYS
  }
  return { steps, latency: median(latencies) }
}

async function main() {
  const files = process.argv.slice(2)
  if (files.length < 2) throw new Error('usage: keystroke-css-ab.ts a.css b.css …')
  const variants = files.map((f) => ({ name: path.basename(f), css: fs.readFileSync(f, 'utf8') }))
  const { browser, page, close } = await openEditorOnTable3()
  try {
    // Warm up (JIT, first findings).
    await round(browser, page)
    const results = new Map<string, ReturnType<typeof round> extends Promise<infer R> ? R[] : never>()
    for (let r = 0; r < ROUNDS; r++) {
      for (const v of variants) {
        await applyVariant(page, v.css)
        const result = await round(browser, page)
        results.set(v.name, [...(results.get(v.name) ?? []), result])
        console.log(
          `round ${r + 1} ${v.name}: cpu ${result.steps.RunTask?.ms.toFixed(2)} ms/key, latency median ${result.latency.toFixed(1)} ms, load ${os.loadavg()[0].toFixed(2)}`,
        )
      }
    }
    // The floor: the same typing in a bare <input> on an empty page of the same browser.
    const bare = await browser.newPage()
    await bare.setContent('<input data-path="applications.granted.natural" style="width: 80px">')
    const floor = [await round(browser, bare), await round(browser, bare)]
    await bare.close()
    results.set('bare input', floor)
    for (const v of [...variants, { name: 'bare input' }]) {
      const rs = results.get(v.name) ?? []
      console.log(`\n${v.name} (median of ${rs.length} rounds, per key):`)
      for (const step of STEPS) {
        const ms = median(rs.map((x) => x.steps[step]?.ms ?? 0))
        const n = median(rs.map((x) => x.steps[step]?.n ?? 0))
        console.log(`  ${ms.toFixed(3).padStart(7)} ms  ${n.toFixed(2).padStart(5)}×  ${step}`)
      }
      console.log(`  latency median ${median(rs.map((x) => x.latency)).toFixed(2)} ms`)
    }
  } finally {
    await close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
