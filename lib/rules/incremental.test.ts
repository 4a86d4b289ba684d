import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import { formatCells, narrativePath } from '@/lib/format/cells'
import { getAt, setAt } from '@/lib/report/values'
import { deriveTotals } from './derive'
import { type EvaluationInput, evaluateRules, incrementalEvaluator } from './evaluate'

/** A small deterministic generator (the same edits on every run). */
function random(seed: number) {
  let s = seed
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s / 2 ** 32
  }
}

describe('incrementalEvaluator', () => {
  it('gives what evaluateRules gives, edit after edit, cells, texts, printed totals and agency alike', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const previous = fixture('zhangdian-office-2022').report
    const cells = formatCells(format)
    const texts = format.sections.map(narrativePath).filter((p): p is string => p !== undefined)
    const next = random(7)
    const evaluate = incrementalEvaluator(format)
    const input: EvaluationInput = {
      sections: structuredClone(report.sections) as Record<string, unknown>,
      agency: report.agency,
      preamble: report.preamble ?? undefined,
      previous,
      year: report.year,
      narrative: [],
    }
    const choices: unknown[] = [null, 0, 1, 5, 33, 1000000, '', 'x', 2.5, -1]
    for (let step = 0; step < 300; step++) {
      const roll = next()
      if (roll < 0.8) {
        // As the editor does: the leaf changes in place, then the totals.
        const cell = cells[Math.floor(next() * cells.length)]
        setAt(input.sections, cell.segments, choices[Math.floor(next() * choices.length)])
        deriveTotals(format, input.sections)
      } else if (roll < 0.9) {
        const path = texts[Math.floor(next() * texts.length)].split('.')
        const text = String(getAt(input.sections, path) ?? '')
        setAt(input.sections, path, next() < 0.3 ? '' : `${text}依申请公开工作。`)
      } else if (roll < 0.95) {
        input.stated = next() < 0.5 ? {} : { 'applications.total.total': Math.floor(next() * 100) }
      } else {
        input.agency = {
          ...report.agency,
          level: next() < 0.5 ? 'city' : 'county',
          type: next() < 0.5 ? 'government' : 'department',
        }
      }
      expect(evaluate(input)).toEqual(evaluateRules(format, input))
    }
  })

  it('counts full and incremental calls and the rules run in the trace it is given', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const trace = { full: 0, incremental: 0, rulesRun: 0 }
    const evaluate = incrementalEvaluator(format, trace)
    const input: EvaluationInput = {
      sections: structuredClone(report.sections) as Record<string, unknown>,
      narrative: [],
    }
    evaluate(input)
    expect(trace).toEqual({ full: 1, incremental: 0, rulesRun: format.rules.length })
    evaluate(input)
    const always = trace.rulesRun - format.rules.length
    // Nothing changed: only the rules that run every time (structure, printed totals) ran again.
    expect(trace.incremental).toBe(1)
    expect(always).toBeGreaterThan(0)
    expect(always).toBeLessThan(format.rules.length / 4)
    const cell = formatCells(format).find((c) => c.valueType === 'count')
    if (!cell) throw new Error('no count cell')
    setAt(input.sections, cell.segments, 12345)
    evaluate(input)
    expect(trace.incremental).toBe(2)
    expect(trace.rulesRun - format.rules.length - always).toBeGreaterThan(always)
  })

  it('keeps the results of the rules whose cells did not change, as the same objects', () => {
    const { report, format } = fixture('zhangdian-gov-2021')
    const evaluate = incrementalEvaluator(format)
    const sections = structuredClone(report.sections) as Record<string, unknown>
    const input: EvaluationInput = { sections, agency: report.agency, year: report.year, narrative: [] }
    const before = evaluate(input)
    const path = 'applications.granted.natural'
    setAt(sections, path.split('.'), (getAt(sections, path.split('.')) as number) + 1)
    deriveTotals(format, sections)
    const after = evaluate(input)
    expect(after).toHaveLength(before.length)
    const kept = after.filter((r, i) => r === before[i])
    const renewed = after.filter((r, i) => r !== before[i])
    // The rules about the typed cell and its totals ran again; most rules did not.
    expect(renewed.some((r) => r.cells.includes(path))).toBe(true)
    expect(kept.length).toBeGreaterThan(renewed.length)
    for (const r of kept) expect(r.cells.includes(path)).toBe(false)
  })
})
