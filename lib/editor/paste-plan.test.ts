import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cellByPath, dataRows, leafColumns } from '@/lib/format/cells'
import { tableGrid } from '@/lib/format/grid'
import { FORMATS } from '@/lib/format/index'
import type { FormatDef, MatrixTableDef } from '@/lib/format/types'
import { emptySections } from '@/lib/report/interchange'
import { setAt } from '@/lib/report/values'
import { deriveTotals, derivedCells } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { parseHtmlTable } from './html-table'
import { type PasteInput, planPaste } from './paste'

const F21 = FORMATS['2021']
const F19 = FORMATS['2019']

function published(name: string, marker: string): string {
  const page = fs.readFileSync(path.join(__dirname, '../../test/published', `${name}.html`), 'utf8')
  const table = [...page.matchAll(/<table[\s\S]*?<\/table>/gi)].map((m) => m[0]).find((t) => t.includes(marker))
  if (!table) throw new Error(`no table with ${marker} in ${name}`)
  return table
}

function setup(format: FormatDef, sectionKey: string) {
  const section = format.sections.find((s) => s.key === sectionKey)
  if (section?.kind !== 'table') throw new Error(`${sectionKey} is a table`)
  const grid = tableGrid(section.table, derivedCells(format))
  const typeOf = (p: string) => cellByPath(format, p)?.valueType ?? 'count'
  const others = Object.values(FORMATS).filter((f) => f !== format)
  const current = emptySections(format)
  return {
    section,
    plan: (start: string, input: PasteInput) => planPaste(format, grid, start, input, typeOf, current, others),
  }
}

const t3 = setup(F21, 'applications')
const t3Table = (t3.section.kind === 'table' ? t3.section.table : null) as MatrixTableDef
const rows21 = dataRows(t3Table.rows)
const leaves = leafColumns(t3Table.columns)
const first = `applications.${rows21[0].key}.${leaves[0].key}`
const deep = `applications.${rows21[5].key}.${leaves[2].key}`
const t4 = setup(F21, 'reviewLitigation')

describe('parseHtmlTable', () => {
  it('expands rowspan and colspan of a portal page table (平潭 行政审批局 2024, table 三)', () => {
    const rows = parseHtmlTable(published('pingtan-xzspj-2024', '申请人情况'))!
    expect(rows).toHaveLength(28)
    expect(rows.every((r) => r.length === 10)).toBe(true)
    // 三、本年度办理结果 spans 22 rows; （三）不予公开 spans 8.
    expect(rows.filter((r) => r[0] === '三、本年度办理结果')).toHaveLength(22)
    expect(rows.filter((r) => r[1] === '（三）不予公开')).toHaveLength(8)
    expect(rows[3].slice(3)).toEqual(['28', '0', '0', '0', '0', '0', '28'])
  })

  it('reads Word markup: one character per paragraph and &nbsp; padding (综合执法 2025, table 四)', () => {
    const rows = parseHtmlTable(published('pingtan-zhzfyjj-2025', '复议后起诉'))!
    const values = rows.at(-1)!
    expect(values).toHaveLength(15)
    expect(values.every((v) => /^\d+$/.test(v))).toBe(true)
    expect(rows.some((r) => r.some((c) => c.replace(/\s/g, '') === '结果维持'))).toBe(true)
  })

  it('returns null without a table', () => {
    expect(parseHtmlTable('<p>12</p>')).toBeNull()
  })
})

describe('planPaste, table 三', () => {
  it('maps a published 2021 table by its row labels, header rows dropped, totals agreeing', () => {
    const plan = t3.plan(deep, { text: '', html: published('pingtan-xzspj-2024', '申请人情况') })
    expect(plan.refused).toBeNull()
    expect(plan.values[first]).toBe(28)
    expect(plan.values[`applications.${rows21[2].key}.${leaves[0].key}`]).toBe(18)
    expect(Object.keys(plan.stated)).toEqual([])
    expect(plan.notes.join('')).toContain('已略去3行表头')
    // Every input cell of the table got a value; no computed cell did.
    const derived = derivedCells(F21)
    const inputs = rows21
      .flatMap((r) => leaves.map((c) => `applications.${r.key}.${c.key}`))
      .filter((p) => !derived.has(p))
    expect(Object.keys(plan.values).sort()).toEqual(inputs.sort())
  })

  it('a 2019 table (（六）其他处理 as one row, 23 rows) goes into 3.其他 of a 2021 report, with one line saying so', () => {
    const plan = t3.plan(first, { text: '', html: published('pingtan-zrzj-2020', '申请人情况') })
    expect(plan.refused).toBeNull()
    const group = t3Table.rows
      .flatMap(function walk(n): typeof t3Table.rows {
        return n.kind === 'rowGroup' ? [n, ...n.children.flatMap(walk)] : []
      })
      .find((g) => g.kind === 'rowGroup' && g.label === '（六）其他处理')
    if (group?.kind !== 'rowGroup') throw new Error('（六） group')
    const [one, two, three] = dataRows(group.children)
    expect(plan.notes).toContain(`粘贴内容有23行：（六）其他处理已计入（六）${three.label}`)
    expect(plan.values[`applications.${three.key}.natural`]).toBe(2)
    expect(plan.values[`applications.${one.key}.natural`]).toBe(0)
    expect(plan.values[`applications.${two.key}.natural`]).toBe(0)
    // The published table has an arithmetic error: （四）1 counts one 法律服务机构 application that
    // its （七）总计 row leaves out (0, and 9 in the 总计 column where the parts add up to 10).
    expect(plan.stated).toEqual({
      [`applications.resultsTotal.${leaves[4].key}`]: 0,
      [`applications.resultsTotal.${leaves.at(-1)!.key}`]: 9,
    })
  })

  it('the same 23 rows as numbers only (copied from Excel without labels) at the first cell', () => {
    const rows = parseHtmlTable(published('pingtan-zrzj-2020', '申请人情况'))!.slice(3)
    const text = rows.map((r) => r.slice(3).join('\t')).join('\r\n')
    const plan = t3.plan(first, { text })
    expect(plan.refused).toBeNull()
    expect(plan.notes.some((n) => n.startsWith('粘贴内容有23行：（六）其他处理已计入（六）'))).toBe(true)
    expect(plan.values[first]).toBe(9)
  })

  it('keeps a printed （七）总计 that disagrees as a stated value, and the rule names both values', () => {
    const html = published('pingtan-xzspj-2024', '申请人情况').replace(/(（七）总计[\s\S]*?<p>)28</, '$130<')
    const plan = t3.plan(first, { text: '', html })
    const total = `applications.resultsTotal.${leaves[0].key}`
    expect(plan.stated).toEqual({ [total]: 30 })
    const sections = emptySections(F21)
    for (const [p, v] of Object.entries(plan.values)) setAt(sections, p.split('.'), v)
    deriveTotals(F21, sections)
    const stated = evaluateRules(F21, { sections, stated: plan.stated }).find((r) => r.ruleId === 'S1')!
    expect(stated.status).toBe('fail')
    expect(stated.cells).toEqual([total])
    expect(stated.message).toContain('表中写明 30，各项之和为 28')
    expect(evaluateRules(F21, { sections }).find((r) => r.ruleId === 'S1')!.status).toBe('pass')
  })

  it('an 8-column block with a 法人或其他组织小计 column: checked, not stored', () => {
    const group = t3Table.columns
      .flatMap(function walk(c): (typeof t3Table.columns)[number][] {
        return c.kind === 'columnGroup' ? [c, ...c.children.flatMap(walk)] : []
      })
      .find((c) => c.kind === 'columnGroup' && leafColumns(c.children).length < leaves.length - 1)!
    const lines = rows21.map((r, i) => {
      const natural = i === 0 ? 5 : 0
      const legal = i === 0 ? [1, 2, 0, 0, 0] : [0, 0, 0, 0, 0]
      const subtotal = i === 0 ? 4 : 0 // wrong: 1 + 2 = 3
      return [r.label, natural, ...legal, subtotal, natural + legal.reduce((a, b) => a + b, 0)].join('\t')
    })
    const plan = t3.plan(first, { text: lines.join('\n') })
    expect(plan.refused).toBeNull()
    expect(plan.values[first]).toBe(5)
    expect(plan.stated).toEqual({ [`applications.${rows21[0].key}.${group.key}`]: 4 })
    expect(plan.notes.join('')).toContain(`${group.label}小计`)
    expect(Object.keys(plan.values).some((p) => p.endsWith(`.${group.key}`))).toBe(false)
  })

  it('refuses a labelled block whose row it cannot place, and a width it cannot read, saying why', () => {
    const unknown = t3.plan(first, {
      text: `${rows21[0].label}\t1\t2\t3\t4\t5\t6\t21\n不存在的一行\t1\t2\t3\t4\t5\t6\t21`,
    })
    expect(unknown.refused).toContain('“不存在的一行”')
    expect(unknown.values).toEqual({})
    const wide = t3.plan(first, { text: `${rows21[0].label}\t1\t2\t3` })
    expect(wide.refused).toContain('每行有3个数')
  })

  it('numbers only that would run past the table are refused, not shifted', () => {
    const text = Array.from({ length: 25 }, () => '1\t1').join('\n')
    const plan = t3.plan(deep, { text })
    expect(plan.refused).toContain('落在表格之外')
    expect(plan.values).toEqual({})
  })
})

describe('planPaste, table 四', () => {
  it('a 表四 with a wrong 总计 (维持1 … 总计0): the printed total is kept as stated at that cell', () => {
    const table = published('pingtan-xzspj-2024', '复议后起诉')
    const plan = t4.plan('reviewLitigation.review.upheld', { text: '', html: table })
    expect(plan.refused).toBeNull()
    expect(plan.values['reviewLitigation.review.upheld']).toBe(1)
    expect(plan.stated).toEqual({ 'reviewLitigation.review.total': 0 })
    const sections = emptySections(F21)
    const review = sections.reviewLitigation as Record<string, Record<string, unknown>>
    for (const [p, v] of Object.entries(plan.values)) {
      const [, group, result] = p.split('.')
      review[group][result] = v
    }
    review.review.total = 1
    for (const g of Object.keys(review)) if (g !== 'review') review[g].total = 0
    const stated = evaluateRules(F21, { sections, stated: plan.stated }).find((r) => r.ruleId === 'S1')!
    expect(stated.status).toBe('fail')
    expect(stated.cells).toEqual(['reviewLitigation.review.total'])
    expect(stated.message).toContain('表中写明 0，各项之和为 1')
    // Once the parts add up to the stated total, the finding clears.
    review.review.upheld = 0
    review.review.total = 0
    expect(evaluateRules(F21, { sections, stated: plan.stated }).find((r) => r.ruleId === 'S1')!.status).toBe('pass')
  })

  it('a published 表四 whose totals agree leaves no stated value', () => {
    const plan = t4.plan('reviewLitigation.review.upheld', {
      text: '',
      html: published('pingtan-zhzfyjj-2025', '复议后起诉'),
    })
    expect(plan.stated).toEqual({})
    expect(plan.statedCleared).toContain('reviewLitigation.review.total')
  })
})

describe('the 2019 format', () => {
  it('a published 2019 table 三 pastes into a 2019 report row for row', () => {
    const t19 = setup(F19, 'applications')
    const section = t19.section.kind === 'table' ? (t19.section.table as MatrixTableDef) : null
    const start = `applications.${dataRows(section!.rows)[0].key}.natural`
    const plan = t19.plan(start, { text: '', html: published('pingtan-zrzj-2020', '申请人情况') })
    expect(plan.refused).toBeNull()
    expect(plan.notes.some((n) => n.includes('已计入'))).toBe(false)
    expect(plan.values['applications.otherDisposal.natural']).toBe(2)
  })
})

describe('a table of the other format', () => {
  const t19 = setup(F19, 'applications')
  const table19 = (t19.section.kind === 'table' ? t19.section.table : null) as MatrixTableDef
  const rows19 = dataRows(table19.rows)
  const first19 = `applications.${rows19[0].key}.${leaves[0].key}`
  const six = t3Table.rows
    .flatMap(function walk(n): typeof t3Table.rows {
      return n.kind === 'rowGroup' ? [n, ...n.children.flatMap(walk)] : []
    })
    .find((g) => g.kind === 'rowGroup' && g.label === '（六）其他处理')
  if (six?.kind !== 'rowGroup') throw new Error('（六） group')
  const sixRows = dataRows(six.children).map((r) => r.key)
  /** A 2021 table 三 as printed: labels, 7 columns; （六）1–3 hold 1, 2 and 4 自然人. */
  const lines21 = rows21.map((r) => {
    const natural = sixRows.includes(r.key) ? [1, 2, 4][sixRows.indexOf(r.key)] : r.key === 'resultsTotal' ? 7 : 0
    return { label: r.label, values: [natural, 0, 0, 0, 0, 0, natural] }
  })

  it('a 2021 table 三 (25 rows) into a 2019 report: （六）1–3 are added up into （六）其他处理, said in one line', () => {
    const text = lines21.map((l) => [l.label, ...l.values].join('\t')).join('\n')
    const plan = t19.plan(first19, { text })
    expect(plan.refused).toBeNull()
    expect(plan.values['applications.otherDisposal.natural']).toBe(7)
    expect(plan.values['applications.otherDisposal.commercial']).toBe(0)
    expect(plan.notes).toContain('粘贴内容有25行：（六）其他处理下的3行已相加计入本表的（六）其他处理')
    // Its printed 总计 (1 + 2 + 4) agrees with the sum: nothing stated.
    expect(plan.stated).toEqual({})
    expect(Object.keys(plan.values).every((p) => cellByPath(F19, p))).toBe(true)
  })

  it('the same as numbers only at the first cell, with a printed 总计 that disagrees kept as stated', () => {
    const text = lines21
      .map((l, i) => (rows21[i].key === 'resultsTotal' ? [...l.values.slice(0, 6), 9] : l.values).join('\t'))
      .join('\n')
    const plan = t19.plan(first19, { text })
    expect(plan.refused).toBeNull()
    expect(plan.values['applications.otherDisposal.natural']).toBe(7)
    expect(plan.notes[0]).toMatch(/^粘贴内容有25行：（六）其他处理下的3行已相加计入/)
    expect(plan.stated).toEqual({ 'applications.resultsTotal.total': 9 })
  })

  it('a 2019 table 二 into a 2021 report is refused with the reason, not placed by position', () => {
    const t2 = setup(F21, 'proactiveDisclosure')
    const section = t2.section.kind === 'table' && t2.section.table.kind === 'blocks' ? t2.section.table : null
    const start = `proactiveDisclosure.${section!.blocks[0].key}.${section!.blocks[0].rows[0].key}.${section!.blocks[0].columns[0].key}`
    // 2019: 本年新制作数量 / 本年新公开数量 / 对外公开总数量; 规章 and 规范性文件.
    const text = [
      '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量',
      '规章\t0\t0\t0',
      '规范性文件\t3\t3\t12',
    ].join('\n')
    const plan = t2.plan(start, { text })
    expect(plan.refused).toContain('国办公开办函〔2019〕60号')
    expect(plan.refused).toContain('不能对应')
    expect(plan.values).toEqual({})
    // The same numbers with 2021 headers go in as before.
    const own = text.replace(
      '本年新制作数量\t本年新公开数量\t对外公开总数量',
      '本年制发件数\t本年废止件数\t现行有效件数',
    )
    const fine = t2.plan(start, { text: own.replace('规范性文件', '行政规范性文件') })
    expect(fine.refused).toBeNull()
    expect(Object.keys(fine.values).length).toBeGreaterThan(0)
  })

  it('a 2021 table 二 into a 2019 report is refused the same way', () => {
    const t2 = setup(F19, 'proactiveDisclosure')
    const section = t2.section.kind === 'table' && t2.section.table.kind === 'blocks' ? t2.section.table : null
    const start = `proactiveDisclosure.${section!.blocks[0].key}.${section!.blocks[0].rows[0].key}.${section!.blocks[0].columns[0].key}`
    const plan = t2.plan(start, {
      text: '信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n行政规范性文件\t3\t0\t12',
    })
    expect(plan.refused).toContain('国办公开办函〔2021〕30号')
    expect(plan.values).toEqual({})
  })
})

describe('an 8-column table 三 with its header rows', () => {
  it('is placed by its labels, the header lines left out and said so, the 小计 checked', () => {
    const header = ['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计', '总计']
    const caption = ['申请人情况', '', '法人或其他组织']
    // 3 partly granted, so （七）总计 3; 法人或其他组织 all 0 and its 小计 0.
    const natural = (key: string) => (key === 'partiallyGranted' || key === 'resultsTotal' ? 3 : 0)
    const lines = rows21.map((r) => [r.label, natural(r.key), 0, 0, 0, 0, 0, 0, natural(r.key)].join('\t'))
    const plan = t3.plan(first, { text: [caption.join('\t'), header.join('\t'), ...lines].join('\n') })
    expect(plan.refused).toBeNull()
    expect(plan.notes).toContain('已略去2行表头或分组标题。')
    expect(plan.values['applications.partiallyGranted.natural']).toBe(3)
    expect(plan.stated).toEqual({})
  })
})
