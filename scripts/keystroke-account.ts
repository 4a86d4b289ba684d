/**
 * An account of one key (decision 0890): every task on the renderer's main thread while the
 * bench types, by kind, with its thread time per key, so that the bench's
 * `keystroke-main-thread-cpu` (the sum of all RunTask thread time over the traced keys) is split
 * into parts that add up to it.
 *
 * The bench's page and its CPU pass's typing (bench/keystroke.ts: the first entered cell of
 * table 三, "7" then Backspace, 30 ms apart, KEYS keys). Each top-level task is given one kind,
 * from the trace events inside it:
 * - `input`: it dispatches an event of a key (keydown, keypress, textInput, beforeinput, input, keyup);
 * - `frame`: it runs a frame (BeginMainThreadFrame, FireAnimationFrame, Paint, Layerize, Commit);
 * - `timer:<function>`, `event:<type>`, `observer:<kind>`, `idle-callback`, `gc`, `network`,
 *   `script:<function>`: what it runs otherwise;
 * - `other:<posted from>`: none of these (the `toplevel` category's posting location).
 * Inside each kind, the thread time is split by the events' own (self) time, so every
 * millisecond is counted once: `(untraced)` is the task's time outside any traced event.
 *
 * `--micro`: the same account (and the bench's latency probe) for a bare `<input>` and a bare
 * `contenteditable="plaintext-only"` of the focused cell's size, each alone in an empty page of
 * the same browser (decision 0720's editing host, by itself).
 * `--eval file.js`: a script in the editor's page first. `--top N`: lines per kind.
 * Run after `npm run build`:
 *   BENCH_PORT=3770 npx tsx --conditions=react-server scripts/keystroke-account.ts
 */
import fs from 'node:fs'
import os from 'node:os'
import type { Browser, Page } from '@playwright/test'
import { focusTypedCell, LATENCY_PROBE, median, openEditorOnTable3, typeKeys } from '../bench/keystroke'
import { mainThread, type TraceEvent } from './keystroke-trace'

const KEYS = Number(process.env.KEYS ?? 40)
const TOP = Number(process.argv[process.argv.indexOf('--top') + 1] || 8)
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
  'blink.user_timing',
  'disabled-by-default-v8.gc',
]

/** The bench's CPU pass's typing (bench/keystroke.ts mainThreadCpuPerKeystroke), traced. */
async function tracedLikeTheBench(browser: Browser, page: Page): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES })
  await typeKeys(page, KEYS)
  return (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents
}

const KEY_EVENTS = new Set(['keydown', 'keypress', 'textInput', 'beforeinput', 'input', 'keyup'])
const FRAME_EVENTS = new Set(['BeginMainThreadFrame', 'FireAnimationFrame', 'Paint', 'Layerize', 'Commit', 'PrePaint'])
const GC = /GC|Scavenge|MarkCompact|Sweep|V8\.GC/

const fn = (e: TraceEvent) => {
  const d = (e.args?.data ?? {}) as { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number }
  const url = String(d.url ?? '')
    .split('/')
    .pop()
  return `${d.functionName || '(anonymous)'} ${url}:${d.lineNumber ?? ''}:${d.columnNumber ?? ''}`
}

type Node = { e: TraceEvent; kids: Node[]; self: number }

/** The thread's complete events as trees of top-level tasks (by containment), with self thread time. */
function tasks(events: TraceEvent[]): Node[] {
  const main = mainThread(events)
  const on = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const roots: Node[] = []
  const stack: Node[] = []
  for (const e of on) {
    const n: Node = { e, kids: [], self: 0 }
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) < e.ts + (e.dur ?? 0))
      stack.pop()
    if (stack.length) stack[stack.length - 1].kids.push(n)
    else roots.push(n)
    stack.push(n)
  }
  const selfOf = (n: Node) => {
    const t = n.e.tdur ?? 0
    n.self = Math.max(0, t - n.kids.reduce((s, k) => s + (k.e.tdur ?? 0), 0))
    for (const k of n.kids) selfOf(k)
  }
  for (const r of roots) selfOf(r)
  // Only tasks count (what the bench sums); a stray event outside any task is left out.
  return roots.filter((r) => /RunTask/.test(r.e.name))
}

function* walk(n: Node): Generator<Node> {
  yield n
  for (const k of n.kids) yield* walk(k)
}

function kindOf(t: Node): string {
  const all = [...walk(t)]
  const has = (p: (e: TraceEvent) => boolean) => all.find((n) => p(n.e))?.e
  const key = all.filter((n) => n.e.name === 'EventDispatch' && KEY_EVENTS.has(String(n.e.args?.data?.type)))
  if (key.length) return `input:${key.map((n) => n.e.args?.data?.type).join('+')}`
  if (has((e) => FRAME_EVENTS.has(e.name))) return 'frame'
  const timer = has((e) => e.name === 'TimerFire')
  if (timer) {
    const call = has((e) => e.name === 'FunctionCall')
    return `timer:${call ? fn(call) : '?'}`
  }
  const idle = has((e) => e.name === 'FireIdleCallback')
  if (idle) return 'idle-callback'
  const ev = has((e) => e.name === 'EventDispatch')
  if (ev) return `event:${ev.args?.data?.type}`
  const obs = has((e) => /Observer|IntersectionObserver|ResizeObserver|MutationObserver/.test(e.name))
  if (obs) return `observer:${obs.name}`
  if (has((e) => /^Resource|XHR|Fetch/.test(e.name))) return 'network'
  const call = has((e) => e.name === 'FunctionCall' || e.name === 'v8.callFunction' || e.name === 'V8.Execute')
  if (call) return `script:${fn(call)}`
  const ms = has((e) => e.name === 'ParseHTML' || e.name === 'EvaluateScript')
  if (ms) return `script:${ms.name}`
  if (has((e) => GC.test(e.name))) return 'gc'
  const posted = all.find((n) => /RunTask/.test(n.e.name) && n.e.args && (n.e.args.src_func || n.e.args.src_file))
  const a = (posted?.e.args ?? {}) as { src_file?: string; src_func?: string }
  return `other:${String(a.src_file ?? '')
    .split('/')
    .slice(-2)
    .join('/')} ${a.src_func ?? ''}`.trim()
}

type Sum = { ms: number; n: number }
const add = (m: Map<string, Sum>, k: string, ms: number, n = 1) => {
  const cur = m.get(k) ?? { ms: 0, n: 0 }
  cur.ms += ms
  cur.n += n
  m.set(k, cur)
}

/** The account: kinds of tasks with their thread time per key, each split by events' self time. */
export function account(events: TraceEvent[], keys: number): { total: number; lines: string[] } {
  const roots = tasks(events)
  const byKind = new Map<string, Sum>()
  const inside = new Map<string, Map<string, Sum>>()
  let total = 0
  let framesSinceInput = 0
  for (const t of roots) {
    let kind = kindOf(t)
    if (kind.includes('keydown')) framesSinceInput = 0
    if (kind === 'frame')
      kind = framesSinceInput++ === 0 ? 'frame: the first after the keydown' : 'frame: a later one (keyup, …)'
    const ms = (t.e.tdur ?? 0) / 1000
    total += ms
    add(byKind, kind, ms)
    const m = inside.get(kind) ?? new Map<string, Sum>()
    inside.set(kind, m)
    const visit = (n: Node, parent: string) => {
      const own = /RunTask/.test(n.e.name)
        ? '(untraced)'
        : n.e.name === 'EventDispatch'
          ? `EventDispatch:${n.e.args?.data?.type}`
          : n.e.name === 'FunctionCall'
            ? `FunctionCall ${fn(n.e)}`
            : n.e.name
      const label = /Layout|UpdateLayoutTree|Paint|PrePaint/.test(n.e.name) ? `${own} (in ${parent})` : own
      if (n.self > 0) add(m, label, n.self / 1000, 0)
      const next = /RunTask|BlinkScheduler|v8\.|V8\./.test(n.e.name) ? parent : own
      for (const k of n.kids) visit(k, next)
    }
    visit(t, 'task')
  }
  const lines: string[] = []
  const per = (x: number) => (x / keys).toFixed(3).padStart(7)
  lines.push(`all tasks: ${per(total)} ms a key (${roots.length} tasks, ${(roots.length / keys).toFixed(2)} a key)`)
  for (const [kind, s] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) {
    lines.push(`${per(s.ms)} ms  ${(s.n / keys).toFixed(2).padStart(5)}×  ${kind}`)
    const m = inside.get(kind) as Map<string, Sum>
    for (const [label, x] of [...m].sort((a, b) => b[1].ms - a[1].ms).slice(0, TOP))
      lines.push(`          ${per(x.ms)} ms  ${label}`)
  }
  return { total: total / keys, lines }
}

/** One bare field alone in an empty page: the bench's latency probe and the account, KEYS keys. */
async function bare(browser: Browser, html: string): Promise<{ latency: number; cpu: number; lines: string[] }> {
  const page = await browser.newPage()
  try {
    await page.setContent(html)
    await page.evaluate(LATENCY_PROBE)
    await focusTypedCell(page, '#bare')
    await typeKeys(page, 60)
    await page.waitForTimeout(200)
    const latencies = (await page.evaluate('window.__latencies')) as number[]
    const { total, lines } = account(await tracedLikeTheBench(browser, page), KEYS)
    return { latency: median(latencies), cpu: total, lines }
  } finally {
    await page.close()
  }
}

async function main() {
  const { browser, page, close } = await openEditorOnTable3()
  try {
    const evalAt = process.argv.indexOf('--eval')
    if (evalAt > 0) console.log('eval:', await page.evaluate(fs.readFileSync(process.argv[evalAt + 1], 'utf8')))
    if (process.argv.includes('--micro')) {
      // The focused cell's box and font, so the bare host is the same size.
      const cell = page.locator('[data-path="applications.granted.natural"]')
      await cell.click()
      const style = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        const s = getComputedStyle(el)
        const r = el.getBoundingClientRect()
        return `width:${r.width}px;height:${r.height}px;font:${s.font};padding:${s.padding};border:${s.border};box-sizing:border-box;text-align:${s.textAlign};white-space:pre;overflow:hidden`
      })
      console.log(`focused cell's box: ${style}`)
      const pages = {
        input: `<input id="bare" value="33" style="${style}">`,
        'contenteditable plaintext-only': `<div id="bare" contenteditable="plaintext-only" style="${style}">33</div>`,
      }
      for (let round = 0; round < 3; round++) {
        for (const [name, html] of round % 2 ? Object.entries(pages).reverse() : Object.entries(pages)) {
          const load = os.loadavg()[0]
          const r = await bare(browser, html)
          console.log(
            `round ${round + 1} ${name.padEnd(31)} load ${load.toFixed(2)}  latency median ${r.latency.toFixed(2)} ms  CPU ${r.cpu.toFixed(2)} ms a key`,
          )
          if (round === 0) for (const l of r.lines.slice(0, 40)) console.log(`    ${l}`)
        }
      }
      return
    }
    await focusTypedCell(page)
    const load = os.loadavg()[0]
    const events = await tracedLikeTheBench(browser, page)
    const { lines } = account(events, KEYS)
    console.log(
      `load ${load.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}; ${KEYS} keys, categories ${CATEGORIES.join(',')}`,
    )
    // The bench's own figure from the same trace (all RunTask events, nested ones too).
    const main = mainThread(events)
    const bench = events
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid)
      .reduce((s, e) => s + (e.tdur ?? 0), 0)
    console.log(`the bench's sum (RunTask thread time / keys): ${(bench / 1000 / KEYS).toFixed(3)} ms a key`)
    for (const l of lines) console.log(l)
    if (process.argv.includes('--dump')) fs.writeFileSync('/tmp/key16-trace.json', JSON.stringify(events))
  } finally {
    await close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
