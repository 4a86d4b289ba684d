import { describe, expect, it } from 'vitest'
import { formatCells, narrativePath } from '@/lib/format/cells'
import { rememberedStatementFindings, type StatementMemo, statementFindings } from '@/lib/narrative/findings'
import type { ReportData } from '@/lib/report/schema'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { previousValues } from '@/lib/rules/previous'
import { fixture } from '@/test/fixtures'
import { countsOfContent, countsTracker } from './report-counts'

/** A small deterministic generator (the same edits on every run). */
function random(seed: number) {
  let s = seed
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s / 2 ** 32
  }
}

const CHOICES: unknown[] = [null, 0, 1, 2, 5, 7, 10, 33, 100, 1000000, '', 'x', 2.5, -1]

/**
 * Edits as saves make them: a cell (most), a narrative's text (a sentence with a number, so the
 * statements change too), the preamble, a printed total, last year's report given or not.
 */
function editor(seed: number) {
  const { report, format } = fixture('zhangdian-gov-2021')
  const lastYear = fixture('zhangdian-office-2022').report
  const cells = formatCells(format)
  const texts = format.sections.map(narrativePath).filter((p): p is string => p !== undefined)
  const next = random(seed)
  let previous: typeof lastYear | null = null
  const content = structuredClone(report) as ReportData
  const step = () => {
    const roll = next()
    const sections = content.sections as Record<string, unknown>
    if (roll < 0.75) {
      const cell = cells[Math.floor(next() * cells.length)]
      setAt(sections, cell.segments, CHOICES[Math.floor(next() * CHOICES.length)])
    } else if (roll < 0.85) {
      const path = texts[Math.floor(next() * texts.length)].split('.')
      const text = String(getAt(sections, path) ?? '')
      const n = Math.floor(next() * 40)
      setAt(sections, path, next() < 0.2 ? '' : `${text}\n本年度共收到政府信息公开申请${n}件，同比增长${n}%。`)
    } else if (roll < 0.9) {
      content.preamble = next() < 0.5 ? '' : `${content.preamble ?? ''}依据《条例》编制本报告。`
    } else if (roll < 0.95) {
      content.stated = next() < 0.5 ? {} : { 'applications.total.total': Math.floor(next() * 100) }
    } else {
      previous = next() < 0.5 ? null : structuredClone(lastYear)
    }
    deriveTotals(format, sections)
    return previous
  }
  return { format, content, step }
}

describe('countsTracker', () => {
  it('counts what countsOfContent counts, save after save, on the same object changed in place', () => {
    const { content, step } = editor(11)
    const track = countsTracker('2021')
    for (let i = 0; i < 250; i++) {
      const previous = step()
      expect(track(content, previous)).toEqual(countsOfContent('2021', content, previous))
    }
  })

  it('counts what countsOfContent counts when each save brings a fresh copy (another process wrote)', () => {
    const { content, step } = editor(23)
    const track = countsTracker('2021')
    for (let i = 0; i < 150; i++) {
      const previous = step()
      const copy = JSON.parse(JSON.stringify(content)) as ReportData
      const previousCopy = previous && i % 2 ? structuredClone(previous) : previous
      expect(track(copy, previousCopy)).toEqual(countsOfContent('2021', copy, previousCopy))
    }
  })
})

describe('rememberedStatementFindings', () => {
  it('gives what statementFindings gives, and keeps the same results while nothing it read changed', () => {
    const { format, content, step } = editor(5)
    const holder: { last?: StatementMemo } = {}
    let kept = 0
    let renewed = 0
    for (let i = 0; i < 250; i++) {
      const previous = step()
      const mapped = previous ? previousValues(format, previous) : null
      const before = holder.last?.results
      const results = rememberedStatementFindings(content, { format, previousValues: mapped }, holder)
      expect(results).toEqual(statementFindings(content, { format, previousValues: mapped }))
      if (results === before) kept++
      else renewed++
    }
    // Most cell edits touch no value a sentence of this report reads.
    expect(kept).toBeGreaterThan(0)
    expect(renewed).toBeGreaterThan(0)
  })
})
