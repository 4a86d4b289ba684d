import { describe, expect, it } from 'vitest'
import { formatCells, narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { evaluateRules } from '@/lib/rules/evaluate'
import { deriveTotals } from '@/lib/rules/derive'
import { FIXTURE_NAMES, fixture } from '@/test/fixtures'
import { blankCells } from './blank-cells'
import { checkCompleteness } from './completeness'
import { emptyReport } from './interchange'
import { issuesByPath, type ReportData, reportSchema } from './schema'
import { getAt, setAt } from './values'

/**
 * How the blanks were counted before blankCells: failing `filled` rules, plus every final-mode
 * schema message ending in 不能为空. Kept as the oracle the new count must match.
 */
function blanksByMessage(format: FormatDef, report: ReportData): string[] {
  const results = evaluateRules(format, report)
  const parsed = reportSchema(format, 'final').safeParse(report)
  const invalid = parsed.success ? {} : issuesByPath(parsed.error)
  const blank = [
    ...new Set(
      results
        .filter((r) => r.status === 'fail' && format.rules.find((d) => d.id === r.ruleId)?.kind === 'filled')
        .flatMap((r) => r.cells),
    ),
  ]
  for (const [path, message] of Object.entries(invalid)) {
    if (message.endsWith('不能为空') && path.startsWith('sections.')) {
      const p = path.slice('sections.'.length)
      if (!blank.includes(p)) blank.push(p)
    }
  }
  return blank
}

function setNarratives(f: FormatDef, r: ReportData, value: (i: number) => unknown) {
  for (const [i, p] of narratives(f).entries()) setAt(sections(r), p.split('.'), value(i))
}

type Variant = [string, (format: FormatDef, report: ReportData) => void]

const sections = (r: ReportData) => r.sections as Record<string, unknown>
const narratives = (f: FormatDef) => f.sections.map(narrativePath).filter((p): p is string => !!p)

const VARIANTS: Variant[] = [
  ['as published', () => {}],
  [
    'every seventh cell blank, totals derived',
    (f, r) => {
      for (const [i, c] of formatCells(f).entries()) if (i % 7 === 0) setAt(sections(r), c.segments, null)
      deriveTotals(f, sections(r))
    },
  ],
  ['every narrative empty', (f, r) => setNarratives(f, r, () => '')],
  ['narratives only whitespace', (f, r) => setNarratives(f, r, () => ' \n　')],
  ['narratives missing or null', (f, r) => setNarratives(f, r, (i) => (i % 2 ? null : undefined))],
  [
    'cells missing, whitespace or invalid',
    (f, r) => {
      for (const [i, c] of formatCells(f).entries()) {
        if (i % 5 === 0) setAt(sections(r), c.segments, undefined)
        if (i % 5 === 1) setAt(sections(r), c.segments, '  ')
        if (i % 5 === 2) setAt(sections(r), c.segments, 'abc')
      }
    },
  ],
  [
    'a whole section missing',
    (f, r) => {
      delete sections(r)[f.sections[2].key]
      delete sections(r)[f.sections[f.sections.length - 1].key]
    },
  ],
]

describe('blankCells counts what the message-matching method counted', () => {
  for (const name of FIXTURE_NAMES) {
    it.each(VARIANTS)(`${name}: %s`, (_label, change) => {
      const { format, report } = fixture(name)
      change(format, report)
      expect(blankCells(format, sections(report))).toEqual(blanksByMessage(format, report))
      expect(checkCompleteness(format, report).blank).toEqual(blanksByMessage(format, report))
    })
  }

  it('an empty report: every cell and every narrative', () => {
    const { format } = fixture('zhangdian-gov-2021')
    const report = emptyReport(format, 2024, { name: '某某区人民政府', type: 'government' })
    const blank = blankCells(format, sections(report))
    expect(blank).toEqual(blanksByMessage(format, report))
    expect(blank.length).toBe(formatCells(format).length + narratives(format).length)
  })
})

describe('blankCells', () => {
  it('0 is not blank; null, whitespace and empty narratives are', () => {
    const { format, report } = fixture('zhangdian-gov-2021')
    const [first, second] = formatCells(format)
    const overview = narratives(format)[0]
    setAt(sections(report), first.segments, 0)
    setAt(sections(report), second.segments, null)
    setAt(sections(report), overview.split('.'), '　')
    const blank = blankCells(format, sections(report))
    expect(blank).not.toContain(first.path)
    expect(blank).toContain(second.path)
    expect(blank).toContain(overview)
    expect(getAt(sections(report), first.segments)).toBe(0)
  })
})
