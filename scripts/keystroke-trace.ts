/**
 * What the keystroke scripts share (scripts/keystroke-breakdown.ts, keystroke-critical-path.ts,
 * keystroke-css-ab.ts, profile-keystroke.ts):
 * a Chrome trace event, a trace of `keys` keys typed as the bench types them ("7" then
 * Backspace in table 三's first entered cell, 40 ms apart), and the typed page's main thread in it.
 */
import type { Browser, Page } from '@playwright/test'
import { typeKeys } from '../bench/keystroke'

export interface TraceEvent {
  name: string
  cat?: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: Record<string, unknown> & {
    name?: string
    data?: Record<string, unknown>
    beginData?: Record<string, unknown>
  }
}

/** Types `keys` keys in the focused cell as the bench types them: "7" then Backspace, 40 ms apart. */
export async function typeKeystrokes(page: Page, keys: number): Promise<void> {
  await typeKeys(page, keys, 40)
}

/** Types `keys` keys in the focused first cell under tracing with `categories`; the trace's events. */
export async function tracedKeystrokes(
  browser: Browser,
  page: Page,
  keys: number,
  categories: string[],
): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories })
  await typeKeystrokes(page, keys)
  await page.waitForTimeout(200)
  return (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents
}

/** The typed page's renderer main thread: of the renderer main threads, the busiest one. */
export function mainThread(events: TraceEvent[]): TraceEvent {
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const busy = (t: TraceEvent) =>
    events
      .filter((e) => e.pid === t.pid && e.tid === t.tid && e.name === 'RunTask')
      .reduce((s, e) => s + (e.tdur ?? 0), 0)
  const main = mains.sort((a, b) => busy(b) - busy(a))[0]
  if (!main) throw new Error('no renderer main thread in the trace')
  return main
}
