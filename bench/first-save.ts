/**
 * The pure CPU of a report's first save in a server process (the row parsed, its totals derived
 * whole, a fresh counts tracker) against a later one (the held object, derived incrementally,
 * the tracker kept): `npx tsx --conditions=react-server bench/first-save.ts` (decision 0810).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatFor } from '@/lib/format/index'
import { formatCells } from '@/lib/format/cells'
import { derivedCells } from '@/lib/rules/derive'
import type { ReportData } from '@/lib/report/schema'
import type { LeafValue } from '@/lib/report/patch'
import { getAt } from '@/lib/report/values'
import { applyChanges } from '@/lib/services/report-patch'
import { countsTracker } from '@/lib/services/report-counts'
import { warmSavePipeline } from '@/lib/services/save-warmup'

const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'zhangdian-gov-2021.json'), 'utf8')
const base = JSON.parse(text) as ReportData
const format = formatFor(base.formatVersion)
if (!format) throw new Error('no format')
const derived = derivedCells(format)
const typed = formatCells(format).filter((c) => c.valueType === 'count' && !derived.has(c.path))
const stored = JSON.stringify(base)

function changesFor(r: ReportData, i: number) {
  const cell = typed[(i * 7) % typed.length]
  return [{ path: `sections.${cell.path}`, base: getAt(r.sections, cell.segments) as LeafValue, value: i % 50 }]
}

const N = Number(process.env.N ?? 200)
// WARMUP_ROUNDS=400: the server's own warm-up first (decision 0710), as a worker runs it before it listens.
const rounds = Number(process.env.WARMUP_ROUNDS ?? 0)
if (rounds > 0) console.log(`server warm-up: ${rounds} rounds in ${warmSavePipeline(rounds).ms.toFixed(0)} ms`)
const t = (f: () => void) => {
  const s = performance.now()
  f()
  return performance.now() - s
}
for (const round of [1, 2, 3]) {
  // N reports' first saves: parse, derive whole, fresh tracker.
  const parts = { parse: 0, apply: 0, tracker: 0, stringify: 0 }
  const held: { r: ReportData; track: ReturnType<typeof countsTracker> }[] = []
  for (let i = 0; i < N; i++) {
    let r!: ReportData
    parts.parse += t(() => {
      r = JSON.parse(stored) as ReportData
    })
    parts.apply += t(() => {
      applyChanges(format, r, changesFor(r, i), false)
    })
    const track = countsTracker(format.version)
    parts.tracker += t(() => {
      track(r, null)
    })
    parts.stringify += t(() => {
      JSON.stringify(r)
    })
    held.push({ r, track })
  }
  const later = { apply: 0, tracker: 0, stringify: 0 }
  for (let i = 0; i < N; i++) {
    const { r, track } = held[i]
    later.apply += t(() => {
      applyChanges(format, r, changesFor(r, i + 1), true)
    })
    later.tracker += t(() => {
      track(r, null)
    })
    later.stringify += t(() => {
      JSON.stringify(r)
    })
  }
  const per = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${(v / N).toFixed(2)}`)
      .join(', ')
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0) / N
  console.log(
    `round ${round}: first save ${sum(parts).toFixed(2)} ms (${per(parts)}); later save ${sum(later).toFixed(2)} ms (${per(later)})`,
  )
}
