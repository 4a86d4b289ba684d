import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, leafColumns } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import type { MatrixTableDef } from '@/lib/format/types'
import { cellLabel, describeRules, ruleEntries, rulesMarkdown, SEVERITY_LABELS } from './describe'

describe.each(Object.values(FORMATS))('describeRules ($version)', (format) => {
  const described = describeRules(format)

  it('describes every rule once, as plain data', () => {
    expect(described.map((d) => d.id).sort()).toEqual(format.rules.map((r) => r.id).sort())
    for (const d of described) {
      expect(Object.keys(d).sort()).toEqual(
        ['check', 'family', 'familyTitle', 'id', 'message', 'severity', 'severityLabel'].sort(),
      )
      expect(d.severityLabel).toBe(SEVERITY_LABELS[d.severity])
      expect(d.familyTitle).toBe(format.ruleFamilies.find((f) => f.id === d.family)!.title)
      expect(d.check.length).toBeGreaterThan(4)
      expect(d.check).not.toMatch(/[a-z]+\.[a-z]+/i) // no cell paths, only labels
      expect(JSON.parse(JSON.stringify(d))).toEqual(d)
    }
  })

  it('lists families in the published order', () => {
    const order = format.ruleFamilies.map((f) => f.id)
    const seen = [...new Set(described.map((d) => d.family))]
    expect(seen).toEqual(order.filter((f) => seen.includes(f)))
  })

  it('states a row total with the labels of the definition', () => {
    const section = format.sections.find((s) => s.kind === 'table' && s.table.kind === 'matrix')!
    const table = (section as { table: MatrixTableDef }).table
    const [first] = dataRows(table.rows)
    const columns = leafColumns(table.columns)
    const total = columns[columns.length - 1]
    const a1 = described.find((d) => d.id === `A1.${first.key}`)!
    expect(a1.check).toBe(
      `${first.label}·${total.label} 等于 ${columns
        .slice(0, -1)
        .map((c) => c.label)
        .join(' + ')}`,
    )
  })

  it('abbreviates long lists but says how many items they have', () => {
    const a2 = described.find((d) => d.id.startsWith('A2.'))!
    expect(a2.check).toContain('…')
    expect(a2.check).toMatch(/（共\d+项）$/)
  })
})

describe('cellLabel', () => {
  const format = FORMATS['2021']
  it('names cells, narratives and sections by their labels', () => {
    const cell = formatCells(format)[0]
    expect(cellLabel(format, cell.path)).toBe(cell.label)
    expect(cellLabel(format, format.sections[0].key)).toBe(format.sections[0].heading)
    expect(cellLabel(format, 'no.such.cell')).toBe('no.such.cell')
  })
})

describe('docs/rules.md', () => {
  it('is the generated rule list (run npm run docs:rules after changing a rule)', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8')
    expect(doc).toBe(rulesMarkdown())
  })

  it('covers both formats and every rule', () => {
    const doc = rulesMarkdown()
    for (const format of Object.values(FORMATS)) {
      expect(doc).toContain(format.basis)
      // One entry per rule, however many places it covers: A1 once, with its rows.
      for (const r of format.rules) expect(doc).toContain(`| ${r.id.split('.')[0]} |`)
      expect(doc).not.toContain('| A1.')
    }
  })
})

describe.each(Object.values(FORMATS))('the rule reference ($version)', (format) => {
  const entries = ruleEntries(format)

  it('has one entry per rule, covering every instance of it', () => {
    const bases = [...new Set(format.rules.map((r) => r.id.split('.')[0]))]
    expect(entries.map((e) => e.id)).toEqual(expect.arrayContaining(bases))
    expect(entries).toHaveLength(bases.length)
    const a1 = entries.find((e) => e.id === 'A1')!
    expect(a1.covers).toHaveLength(format.rules.filter((r) => r.id.startsWith('A1.')).length)
    expect(a1.covers[0]).toContain('本年新收')
    expect(a1.message).toBe('总计应等于自然人与法人或其他组织各列之和')
  })

  it('states bounds in words, not symbols', () => {
    for (const e of entries) expect(e.check, e.id).not.toMatch(/[≤≥=<>]/)
    expect(entries.find((e) => e.id === 'A5')?.check).toMatch(/不为0时提请核实$/)
  })
})

describe('parent rules on /rules', () => {
  it('lists G1–G3 once, after the formats, with their definitions and messages from the roll-up registry', async () => {
    const { parentRuleEntries, rulesMarkdown } = await import('./describe')
    const { PARENT_RULES } = await import('@/lib/rollup/parent-check')
    expect(parentRuleEntries().map((r) => [r.id, r.severityLabel])).toEqual([
      ['G1', '错误'],
      ['G2', '警告'],
      ['G3', '警告'],
    ])
    const md = rulesMarkdown()
    expect(md.match(/\| G1 \|/g)).toHaveLength(1)
    expect(md).toContain(PARENT_RULES.G1.message)
    expect(md.indexOf('| G1 |')).toBeGreaterThan(md.lastIndexOf('年格式）'))
  })
})
