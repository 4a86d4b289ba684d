/**
 * What the keystroke scripts share (scripts/keystroke-breakdown.ts, scripts/keystroke-critical-path.ts):
 * a Chrome trace event, and a trace of `keys` keys typed as the bench types them ("7" then
 * Backspace in table 三's first entered cell, 40 ms apart).
 */
import type { Browser, Page } from '@playwright/test'

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

/** Types `keys` keys in the focused first cell under tracing with `categories`; the trace's events. */
export async function tracedKeystrokes(
  browser: Browser,
  page: Page,
  keys: number,
  categories: string[],
): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories })
  for (let i = 0; i < keys / 2; i++) {
    await page.keyboard.press('7')
    await page.waitForTimeout(40)
    await page.keyboard.press('Backspace')
    await page.waitForTimeout(40)
  }
  await page.waitForTimeout(200)
  return (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents
}
