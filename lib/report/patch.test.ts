import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import { formatCells } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { derivedCells } from '@/lib/rules/derive'
import { getAt, setAt } from './values'
import {
  type Change,
  diffReports,
  mergeChanges,
  narrativeLeaves,
  paragraphChanges,
  paragraphsOf,
  resolvePath,
} from './patch'
import type { ReportData } from './schema'

const format = FORMATS['2021']
const derived = derivedCells(format)
const typed = formatCells(format).filter((c) => !derived.has(c.path))
const counts = typed.filter((c) => c.valueType === 'count')
const amount = typed.find((c) => c.valueType === 'decimal')!
const [overview] = narrativeLeaves(format).values()

const report = () => fixture('zhangdian-gov-2021').report
const at = (r: ReportData, path: string) => getAt(r.sections, path.split('.'))
const clone = (r: ReportData) => structuredClone(r)

/** Applies changes to b's copy, as the server does, and returns the merged report. */
function merge(stored: ReportData, changes: Change[]) {
  const copy = clone(stored)
  const result = mergeChanges(format, copy, changes)
  return { result, merged: copy }
}

describe('resolvePath', () => {
  it('names cells, fee facts, explanations, narratives and paragraphs from the format', () => {
    expect(resolvePath(format, `sections.${counts[0].path}`)).toMatchObject({ kind: 'cell' })
    expect(resolvePath(format, `sections.${amount.path}`)).toMatchObject({ kind: 'cell' })
    const warning = format.rules.find((r) => r.severity === 'warning')!
    expect(resolvePath(format, `explanations.${warning.id}`)).toMatchObject({ kind: 'explanation' })
    expect(resolvePath(format, overview.path)).toMatchObject({ kind: 'narrative' })
    expect(resolvePath(format, `${overview.path}#3`)).toMatchObject({ kind: 'paragraph', number: 3 })
  })

  it('refuses derived totals, unknown leaves, paragraph 0 and paragraphs of cells', () => {
    const total = [...derived][0]
    expect(resolvePath(format, `sections.${total}`)).toEqual({ error: '合计由系统自动计算，不能直接填写' })
    expect(resolvePath(format, 'sections.nothing.here')).toHaveProperty('error')
    expect(resolvePath(format, 'explanations.NOPE')).toHaveProperty('error')
    expect(resolvePath(format, `${overview.path}#0`)).toHaveProperty('error')
    expect(resolvePath(format, `sections.${counts[0].path}#1`)).toHaveProperty('error')
    expect(resolvePath(format, 'formatVersion')).toHaveProperty('error')
    expect(resolvePath(format, 'sections')).toHaveProperty('error')
  })
})

describe('mergeChanges: cells', () => {
  it('applies a change whose base is the stored value, and recalls old and new', () => {
    const stored = report()
    const cell = counts[0]
    const old = at(stored, cell.path) as number
    const { result, merged } = merge(stored, [{ path: `sections.${cell.path}`, base: old, value: old + 5 }])
    expect(result).toEqual({
      ok: true,
      applied: [{ path: `sections.${cell.path}`, old, new: old + 5 }],
      conflicts: [],
    })
    expect(at(merged, cell.path)).toBe(old + 5)
  })

  it('merges changes of two cells based on an older report; the same cell is a conflict', () => {
    const base = report()
    const [x, y] = counts
    const vx = at(base, x.path) as number
    const vy = at(base, y.path) as number
    // Tab A saved x already.
    const stored = clone(base)
    mergeChanges(format, stored, [{ path: `sections.${x.path}`, base: vx, value: vx + 1 }])
    // Tab B, based on the old report, changes y: merges.
    const b = merge(stored, [{ path: `sections.${y.path}`, base: vy, value: vy + 2 }])
    expect(b.result).toMatchObject({ ok: true, conflicts: [] })
    expect(at(b.merged, x.path)).toBe(vx + 1)
    expect(at(b.merged, y.path)).toBe(vy + 2)
    // Tab B changes x too: a conflict naming both values; y still merges.
    const c = merge(stored, [
      { path: `sections.${x.path}`, base: vx, value: vx + 7 },
      { path: `sections.${y.path}`, base: vy, value: vy + 2 },
    ])
    expect(c.result).toEqual({
      ok: true,
      applied: [{ path: `sections.${y.path}`, old: vy, new: vy + 2 }],
      conflicts: [{ path: `sections.${x.path}`, base: vx, mine: vx + 7, theirs: vx + 1 }],
    })
    expect(at(c.merged, x.path)).toBe(vx + 1)
  })

  it('the same new value from both sides is no conflict and no change', () => {
    const stored = report()
    const x = counts[0]
    const v = at(stored, x.path) as number
    const { result } = merge(stored, [{ path: `sections.${x.path}`, base: v - 1, value: v }])
    expect(result).toEqual({ ok: true, applied: [], conflicts: [] })
  })

  it('parses values through the value type (full-width digits, separators, amounts as text)', () => {
    const stored = report()
    const x = counts[0]
    const { result, merged } = merge(stored, [
      { path: `sections.${x.path}`, base: at(stored, x.path) as number, value: '１,２３４' },
      { path: `sections.${amount.path}`, base: (at(stored, amount.path) as string | null) ?? null, value: 12.5 },
    ])
    expect(result.ok).toBe(true)
    expect(at(merged, x.path)).toBe(1234)
    expect(at(merged, amount.path)).toBe('12.5')
  })

  it('blank is a value: null clears a cell, and a blank base matches a blank cell', () => {
    const stored = report()
    const x = counts[0]
    const v = at(stored, x.path) as number
    const cleared = merge(stored, [{ path: `sections.${x.path}`, base: v, value: null }])
    expect(at(cleared.merged, x.path)).toBeNull()
    const refilled = merge(cleared.merged, [{ path: `sections.${x.path}`, base: null, value: 0 }])
    expect(refilled.result).toMatchObject({ ok: true, conflicts: [] })
    expect(at(refilled.merged, x.path)).toBe(0)
  })

  it('refuses the whole request, keyed by path, when a value is invalid or a path unknown', () => {
    const stored = report()
    const [x, y] = counts
    const { result, merged } = merge(stored, [
      { path: `sections.${y.path}`, base: at(stored, y.path) as number, value: 1 },
      { path: `sections.${x.path}`, base: at(stored, x.path) as number, value: '5O' },
      { path: `sections.${x.path.replace(/\.[^.]+$/, '.nope')}`, base: null, value: 1 },
      { path: `sections.${counts[2].path}`, base: null, value: -1 },
    ])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.fields).sort()).toEqual(
      [`sections.${x.path}`, `sections.${x.path.replace(/\.[^.]+$/, '.nope')}`, `sections.${counts[2].path}`].sort(),
    )
    expect(result.fields[`sections.${counts[2].path}`]).toBe('不能为负数')
    // Nothing applied, not even the valid change.
    expect(at(merged, y.path)).toBe(at(stored, y.path))
  })

  it('refuses the same path twice in one request', () => {
    const stored = report()
    const x = `sections.${counts[0].path}`
    const result = mergeChanges(format, clone(stored), [
      { path: x, base: null, value: 1 },
      { path: x, base: null, value: 2 },
    ])
    expect(result).toEqual({ ok: false, fields: { [x]: '同一项在一次保存中出现了两次' } })
  })
})

describe('mergeChanges: explanations and units', () => {
  it('adds, changes and removes an explanation', () => {
    const stored = report()
    const rule = format.rules.find((r) => r.severity === 'warning')!.id
    const path = `explanations.${rule}`
    const added = merge(stored, [{ path, base: null, value: '情况属实' }])
    expect(added.merged.explanations).toEqual({ [rule]: '情况属实' })
    const stale = merge(added.merged, [{ path, base: null, value: '另一说明' }])
    expect(stale.result).toMatchObject({ conflicts: [{ path, base: null, mine: '另一说明', theirs: '情况属实' }] })
    const removed = merge(added.merged, [{ path, base: '情况属实', value: '  ' }])
    expect(removed.merged.explanations).toBeUndefined()
    expect(removed.result).toMatchObject({ applied: [{ path, old: '情况属实', new: null }] })
  })

  it('a 2019 unit accepts only its options', () => {
    const f2019 = FORMATS['2019']
    const stored = fixture('zichuan-gov-2020').report
    const section = f2019.sections.find((s) => s.kind === 'table' && s.table.kind === 'blocks')!
    if (section.kind !== 'table' || section.table.kind !== 'blocks') throw new Error('no blocks table')
    const block = section.table.blocks.find((b) => b.unitField)!
    const path = `sections.${section.key}.${block.key}.${block.rows[0].key}.${block.unitField!.key}`
    const current = (getAt(stored.sections, path.split('.').slice(1)) as string | null) ?? null
    const other = block.unitField!.options.find((o) => o !== current)!
    const ok = mergeChanges(f2019, stored, [{ path, base: current, value: other }])
    expect(ok).toMatchObject({ ok: true, conflicts: [] })
    expect(getAt(stored.sections, path.split('.').slice(1))).toBe(other)
    expect(mergeChanges(f2019, stored, [{ path, base: other, value: '斤' }])).toMatchObject({ ok: false })
  })
})

describe('mergeChanges: paragraphs', () => {
  const withText = (lines: string[]) => {
    const r = report()
    setAt(r as unknown as Record<string, unknown>, overview.segments, lines.join('\n'))
    return r
  }
  const text = (r: ReportData) => paragraphsOf(getAt(r, overview.segments))
  const p = (n: number) => `${overview.path}#${n}`

  it('edits of different paragraphs merge; the same paragraph is a conflict', () => {
    const stored = withText(['甲', '乙', '丙'])
    const a = merge(stored, [{ path: p(1), base: '甲', value: '甲一' }])
    const b = merge(a.merged, [{ path: p(3), base: '丙', value: '丙三' }])
    expect(text(b.merged)).toEqual(['甲一', '乙', '丙三'])
    const c = merge(a.merged, [{ path: p(1), base: '甲', value: '甲二' }])
    expect(c.result).toMatchObject({ ok: true, conflicts: [{ path: p(1), base: '甲', mine: '甲二', theirs: '甲一' }] })
    expect(text(c.merged)).toEqual(['甲一', '乙', '丙'])
  })

  it('inserts paragraphs with a value holding line breaks and removes one with null', () => {
    const stored = withText(['甲', '乙', '丙'])
    const { result, merged } = merge(stored, [
      { path: p(1), base: '甲', value: '甲\n新段' },
      { path: p(2), base: '乙', value: null },
    ])
    expect(result).toMatchObject({ ok: true, conflicts: [] })
    expect(text(merged)).toEqual(['甲', '新段', '丙'])
  })

  it('finds a paragraph that another save moved by inserting lines above it', () => {
    const stored = withText(['甲', '乙', '丙'])
    const other = merge(stored, [{ path: p(1), base: '甲', value: '前言\n甲' }]).merged
    expect(text(other)).toEqual(['前言', '甲', '乙', '丙'])
    const mine = merge(other, [{ path: p(3), base: '丙', value: '丙改' }])
    expect(mine.result).toMatchObject({ ok: true, conflicts: [] })
    expect(text(mine.merged)).toEqual(['前言', '甲', '乙', '丙改'])
  })

  it('a moved paragraph whose text is not unique is a conflict, never a guess', () => {
    const stored = withText(['', '甲', '', '乙'])
    const other = merge(stored, [{ path: p(2), base: '甲', value: null }]).merged
    expect(text(other)).toEqual(['', '', '乙'])
    const mine = merge(other, [{ path: p(3), base: '', value: '新' }])
    // Line 3 is now 乙; '' is held by two lines: conflict.
    expect(mine.result).toMatchObject({ conflicts: [{ path: p(3), base: '', mine: '新', theirs: '乙' }] })
  })

  it('removing a paragraph already removed is no conflict', () => {
    const stored = withText(['甲', '乙'])
    const other = merge(stored, [{ path: p(2), base: '乙', value: null }]).merged
    const mine = merge(other, [{ path: p(2), base: '乙', value: null }])
    expect(mine.result).toEqual({ ok: true, applied: [], conflicts: [] })
    expect(text(mine.merged)).toEqual(['甲'])
  })

  it('refuses a paragraph change without its base text, and whole and paragraph edits together', () => {
    const stored = withText(['甲'])
    expect(mergeChanges(format, clone(stored), [{ path: p(1), base: null, value: 'x' }])).toMatchObject({
      ok: false,
      fields: { [p(1)]: '段落修改缺少原文' },
    })
    expect(
      mergeChanges(format, clone(stored), [
        { path: p(1), base: '甲', value: 'x' },
        { path: overview.path, base: '甲', value: 'y' },
      ]),
    ).toMatchObject({ ok: false, fields: { [overview.path]: expect.any(String) } })
  })

  it('a whole narrative is a leaf too', () => {
    const stored = withText(['甲', '乙'])
    const { merged } = merge(stored, [{ path: overview.path, base: '甲\n乙', value: '丙' }])
    expect(text(merged)).toEqual(['丙'])
    const stale = merge(merged, [{ path: overview.path, base: '甲\n乙', value: '丁' }])
    expect(stale.result).toMatchObject({ conflicts: [{ theirs: '丙' }] })
  })
})

describe('paragraphChanges and diffReports', () => {
  /** The diff applied to the base gives the new text, whatever the edit. */
  const cases: [string[], string[]][] = [
    [
      ['甲', '乙', '丙'],
      ['甲', '乙改', '丙'],
    ],
    [
      ['甲', '乙', '丙'],
      ['甲', '乙', '新', '丙'],
    ],
    [
      ['甲', '乙', '丙'],
      ['新', '甲', '乙', '丙'],
    ],
    [
      ['甲', '乙', '丙'],
      ['甲', '乙', '丙', '新'],
    ],
    [
      ['甲', '乙', '丙'],
      ['甲', '丙'],
    ],
    [['甲', '乙', '丙'], ['丙']],
    [['甲', '乙', '丙'], ['']],
    [[''], ['甲', '乙']],
    [
      ['甲', '乙', '丙'],
      ['一', '二'],
    ],
    [
      ['甲', '乙'],
      ['一', '二', '三', '四'],
    ],
    [
      ['甲', '甲', '甲'],
      ['甲', '甲'],
    ],
    [
      ['', '', ''],
      ['', 'x', '', ''],
    ],
  ]
  for (const [a, b] of cases) {
    it(`${JSON.stringify(a)} → ${JSON.stringify(b)}`, () => {
      const changes = paragraphChanges(overview.path, a, b)
      const stored = (() => {
        const r = report()
        setAt(r as unknown as Record<string, unknown>, overview.segments, a.join('\n'))
        return r
      })()
      const result = mergeChanges(format, stored, changes)
      expect(result).toMatchObject({ ok: true, conflicts: [] })
      expect(getAt(stored, overview.segments)).toBe(b.join('\n'))
    })
  }

  it('finds every changed leaf of a report with its base, never a derived total', () => {
    const base = report()
    const next = clone(base)
    const [x, y] = counts
    const rule = format.rules.find((r) => r.severity === 'warning')!.id
    setAt(next.sections, x.segments, 999)
    setAt(next.sections, y.segments, null)
    next.explanations = { [rule]: '说明' }
    const lines = paragraphsOf(getAt(next, overview.segments))
    lines[1] = `${lines[1]}（补充）`
    setAt(next as unknown as Record<string, unknown>, overview.segments, lines.join('\n'))
    const changes = diffReports(format, base, next)
    expect(changes.map((c) => c.path).sort()).toEqual(
      [`sections.${x.path}`, `sections.${y.path}`, `explanations.${rule}`, `${overview.path}#2`].sort(),
    )
    expect(changes.every((c) => !derived.has(c.path.replace(/^sections\./, '')))).toBe(true)
    const stored = clone(base)
    expect(mergeChanges(format, stored, changes)).toMatchObject({ ok: true, conflicts: [] })
    expect(getAt(stored, overview.segments)).toBe(getAt(next, overview.segments))
    expect(at(stored, x.path)).toBe(999)
  })
})

describe('mergeChanges: totals as printed (report.stated)', () => {
  const total = 'applications.granted.total'

  it('sets, conflicts on and removes a stated total, and diffReports sends it', () => {
    const stored = report()
    const base = clone(stored)
    const next = clone(stored)
    next.stated = { [total]: 9 }
    const changes = diffReports(format, base, next)
    expect(changes).toEqual([{ path: `stated.${total}`, base: null, value: 9 }])
    const set = mergeChanges(format, stored, changes)
    expect(set).toMatchObject({ ok: true, applied: [{ path: `stated.${total}`, old: null, new: 9 }], conflicts: [] })
    expect(stored.stated).toEqual({ [total]: 9 })
    // Someone else stated another value meanwhile: a conflict at that total, nothing written.
    const other = mergeChanges(format, stored, [{ path: `stated.${total}`, base: null, value: 8 }])
    expect(other).toMatchObject({ ok: true, applied: [], conflicts: [{ path: `stated.${total}`, theirs: 9 }] })
    // 以各项之和为准: the stated value goes, and with it the whole record.
    mergeChanges(format, stored, [{ path: `stated.${total}`, base: 9, value: null }])
    expect(stored.stated).toBeUndefined()
  })

  it('refuses a stated value of no total, or one that is not a number', () => {
    const bad = mergeChanges(format, report(), [
      { path: 'stated.applications.newReceived.natural', base: null, value: 3 },
      { path: `stated.${total}`, base: null, value: '九' },
    ])
    expect(bad).toEqual({
      ok: false,
      fields: {
        'stated.applications.newReceived.natural': '写明的合计不对应表中任何合计',
        [`stated.${total}`]: '写明的合计应为数字',
      },
    })
  })
})
