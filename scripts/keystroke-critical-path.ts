/**
 * The keystroke's critical path (decision 0720): where the wall-clock time between a keydown and
 * "findings painted" (the bench's probe: the first task after the next animation frame) goes.
 * The bench's page and typing (bench/keystroke.ts) with the bench's latency probe in the page, one
 * Chrome trace of KEYS keys; per key, from the keydown's dispatch on the renderer main thread:
 * - `input`: until the end of the last task that dispatched an event of the key (keydown,
 *   keypress, beforeinput, input, keyup) before the frame: our handlers, React's commit, the rules;
 * - `between`: other tasks that ran after that and before the frame (autofill, timers, …);
 * - `idle`: the rest of the wait for the frame (the vsync);
 * - `frame`: the task of the frame that ran the probe's requestAnimationFrame (style, layout,
 *   paint, layerize, commit);
 * - `after`: from the frame's end to the probe's timer (tasks queued in front of it).
 * Medians over the keys, for "7" (a finding appears) and Backspace (it clears) apart.
 * `--eval file.js`: a DOM change or script in the page first (try without a rebuild).
 * Run after `npm run build`: `npx tsx --conditions=react-server scripts/keystroke-critical-path.ts`.
 */
import fs from 'node:fs'
import os from 'node:os'
import { focusTypedCell, LATENCY_PROBE, median, openEditorOnTable3, typeKeys } from '../bench/keystroke'
import { mainThread, type TraceEvent, tracedKeystrokes } from './keystroke-trace'

const KEYS = Number(process.env.KEYS ?? 60)

async function main() {
  const { browser, page, close } = await openEditorOnTable3()
  try {
    const evalAt = process.argv.indexOf('--eval')
    if (evalAt > 0) console.log('eval:', await page.evaluate(fs.readFileSync(process.argv[evalAt + 1], 'utf8')))
    await page.evaluate(LATENCY_PROBE)
    await focusTypedCell(page)
    await typeKeys(page, 10)
    await page.waitForTimeout(200)
    await page.evaluate('window.__latencies = []')
    const load = os.loadavg()[0]
    const events = await tracedKeystrokes(browser, page, KEYS, [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'toplevel',
    ])
    const latencies = (await page.evaluate('window.__latencies')) as number[]
    const main = mainThread(events)
    const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
    const tasks = on.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
    // Top-level tasks only (a RunTask nested in another is part of it).
    const top = tasks
      .filter((t) => !tasks.some((o) => o !== t && o.ts <= t.ts && o.ts + (o.dur ?? 0) >= t.ts + (t.dur ?? 0)))
      .sort((a, b) => a.ts - b.ts)
    const inside = (t: TraceEvent, e: TraceEvent) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0)
    const taskOf = (e: TraceEvent) => top.find((t) => inside(t, e))
    const keydowns = on
      .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
      .sort((a, b) => a.ts - b.ts)
    const keyEvents = new Set(['keydown', 'keypress', 'beforeinput', 'input', 'textInput', 'keyup'])
    type Row = {
      key: string
      input: number
      inputCpu: number
      between: number
      betweenNames: string[]
      idle: number
      frame: number
      frameCpu: number
      after: number
      afterCpu: number
      total: number
    }
    const rows: Row[] = []
    const betweenSources = new Map<string, { ms: number; n: number }>()
    const afterSources = new Map<string, { ms: number; n: number }>()
    for (let i = 0; i < keydowns.length; i++) {
      const k = keydowns[i]
      const end = i + 1 < keydowns.length ? keydowns[i + 1].ts : k.ts + 100_000
      const frameEv = on.find((e) => e.name === 'FireAnimationFrame' && e.ts > k.ts && e.ts < end)
      if (!frameEv) continue
      const frameTask = taskOf(frameEv)
      const timer = on.find(
        (e) => e.name === 'TimerFire' && frameTask && e.ts > frameTask.ts + (frameTask.dur ?? 0) && e.ts < end,
      )
      if (!frameTask || !timer) continue
      const keyTask = taskOf(k)
      if (!keyTask) continue
      // The tasks of the key's own events before the frame.
      const ownTasks = new Set<TraceEvent>([keyTask])
      for (const e of on) {
        if (e.name !== 'EventDispatch' || e.ts < k.ts || e.ts > frameTask.ts) continue
        if (!keyEvents.has(String(e.args?.data?.type))) continue
        const t = taskOf(e)
        if (t) ownTasks.add(t)
      }
      const lastOwn = [...ownTasks].sort((a, b) => a.ts - b.ts).at(-1) as TraceEvent
      const inputEnd = lastOwn.ts + (lastOwn.dur ?? 0)
      const startAt = keyTask.ts
      let between = 0
      const names: string[] = []
      for (const t of top) {
        if (t.ts < startAt || t.ts >= frameTask.ts || ownTasks.has(t)) continue
        between += (t.dur ?? 0) / 1000
        if ((t.dur ?? 0) > 300)
          names.push(`${JSON.stringify(t.args ?? {}).slice(0, 90)} ${((t.dur ?? 0) / 1000).toFixed(2)}`)
        const src = JSON.stringify(t.args ?? {}).slice(0, 120)
        const cur = betweenSources.get(src) ?? { ms: 0, n: 0 }
        cur.ms += (t.dur ?? 0) / 1000
        cur.n++
        betweenSources.set(src, cur)
      }
      for (const t of top) {
        if (t.ts < frameTask.ts + (frameTask.dur ?? 0) || t.ts >= timer.ts) continue
        const kids = on.filter((e) => e !== t && inside(t, e) && e.name !== 'RunTask' && (e.dur ?? 0) > 100)
        const what = kids
          .slice(0, 4)
          .map((e) => `${e.name}${e.name === 'EventDispatch' ? `:${e.args?.data?.type}` : ''}`)
          .join(',')
        const posted = on.find(
          (e) => e !== t && inside(t, e) && /RunTask/.test(e.name) && e.args && Object.keys(e.args).length,
        )
        const src = `${JSON.stringify(posted?.args ?? t.args ?? {}).slice(0, 110)} [${what}]`
        const cur = afterSources.get(src) ?? { ms: 0, n: 0 }
        cur.ms += (t.dur ?? 0) / 1000
        cur.n++
        afterSources.set(src, cur)
      }
      const ownWall = [...ownTasks].reduce((s, t) => s + (t.dur ?? 0), 0) / 1000
      const ownCpu = [...ownTasks].reduce((s, t) => s + (t.tdur ?? 0), 0) / 1000
      const frameWall = (frameTask.dur ?? 0) / 1000
      const total = (timer.ts - startAt) / 1000
      rows.push({
        key: String(k.args?.data?.key ?? (i % 2 ? 'Backspace' : '7')),
        input: ownWall,
        inputCpu: ownCpu,
        between,
        betweenNames: names,
        idle: (frameTask.ts - inputEnd) / 1000 - between,
        frame: frameWall,
        frameCpu: (frameTask.tdur ?? 0) / 1000,
        after: (timer.ts - (frameTask.ts + (frameTask.dur ?? 0))) / 1000,
        afterCpu:
          top
            .filter((t) => t.ts >= frameTask.ts + (frameTask.dur ?? 0) && t.ts < timer.ts)
            .reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000,
        total,
      })
    }
    console.log(`load ${load.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}; ${rows.length} keys traced`)
    console.log(`in-page latency median (traced, so inflated): ${median(latencies).toFixed(2)} ms`)
    for (const group of ['all', 'odd', 'even'] as const) {
      const rs = rows.filter((_, i) => group === 'all' || (group === 'odd' ? i % 2 === 0 : i % 2 === 1))
      const m = (f: (r: Row) => number) => median(rs.map(f)).toFixed(2).padStart(6)
      console.log(
        `${group === 'all' ? 'all keys ' : group === 'odd' ? '"7"      ' : 'Backspace'}  input ${m((r) => r.input)} (cpu ${m((r) => r.inputCpu)})  between ${m((r) => r.between)}  idle ${m((r) => r.idle)}  frame ${m((r) => r.frame)} (cpu ${m((r) => r.frameCpu)})  after ${m((r) => r.after)} (cpu ${m((r) => r.afterCpu)})  path cpu ${m((r) => r.inputCpu + r.frameCpu + r.afterCpu)}  total ${m((r) => r.total)}`,
      )
    }
    console.log('tasks between the key and its frame, per key:')
    for (const [k, { ms, n }] of [...betweenSources].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10)) {
      console.log(`  ${(ms / rows.length).toFixed(3).padStart(7)} ms  ${(n / rows.length).toFixed(2)}×  ${k}`)
    }
    console.log('tasks after the frame and before the probe, per key:')
    for (const [k, { ms, n }] of [...afterSources].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) {
      console.log(`  ${(ms / rows.length).toFixed(3).padStart(7)} ms  ${(n / rows.length).toFixed(2)}×  ${k}`)
    }
    if (process.argv.includes('--rows'))
      for (const r of rows)
        console.log(
          `${r.key.padEnd(9)} input ${r.input.toFixed(2)} between ${r.between.toFixed(2)} idle ${r.idle.toFixed(2)} frame ${r.frame.toFixed(2)} after ${r.after.toFixed(2)} total ${r.total.toFixed(2)} ${r.betweenNames.join(' | ')}`,
        )
  } finally {
    await close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
