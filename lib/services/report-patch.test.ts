import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { cellByPath, sectionCells as formatCellsOf } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { events, newDraft, refused } from '@/test/services'
import { reportHistory } from './history'
import { getReport } from './report-read'
import { applyChanges, cleanChanges, patchReport } from './report-patch'
import { warmupReport } from './save-warmup'

const NATURAL = 'sections.applications.newReceived.natural'
const COMMERCIAL = 'sections.applications.newReceived.commercial'
const overview = 'sections.overview'

const cells = async (id: string) => (await getReport(id))!.report.sections.applications as any

describe('patchReport', () => {
  it('writes the changed cells, derives totals and records old and new in the audit event', async () => {
    const draft = await newDraft()
    const saved = await patchReport(draft.id, [{ path: NATURAL, base: null, value: 7 }], 'u-a')
    expect(saved).toMatchObject({ version: 2, status: 'draft', applied: 1, conflicts: [] })
    expect((await cells(draft.id)).newReceived.natural).toBe(7)
    const [, save] = await events(draft.id)
    expect(save.kind).toBe('save')
    expect(save.actor).toBe('u-a')
    const summary = JSON.parse(save.summary)
    expect(summary.changes).toEqual([{ path: NATURAL, old: null, new: 7 }])
    expect(summary.changed).toEqual([NATURAL])
  })

  it('merges two tabs editing different cells, each based on version 1', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 3 }])
    const b = await patchReport(draft.id, [{ path: COMMERCIAL, base: null, value: 4 }])
    expect(b).toMatchObject({ version: 3, applied: 1, conflicts: [] })
    expect((await cells(draft.id)).newReceived).toMatchObject({ natural: 3, commercial: 4 })
  })

  it('answers a change of the same cell since its base with both values, and writes nothing', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 3 }])
    const b = await patchReport(draft.id, [{ path: NATURAL, base: null, value: 5 }])
    expect(b).toEqual(
      expect.objectContaining({
        version: 2,
        applied: 0,
        conflicts: [{ path: NATURAL, base: null, mine: 5, theirs: 3 }],
      }),
    )
    expect((await events(draft.id)).length).toBe(2)
    // 保留我的: sent again with base = theirs.
    const kept = await patchReport(draft.id, [{ path: NATURAL, base: 3, value: 5 }])
    expect(kept).toMatchObject({ version: 3, applied: 1, conflicts: [] })
  })

  it('saves concurrent patches of different cells, merging again when a write lands in between', async () => {
    const draft = await newDraft()
    const keys = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other']
    const results = await Promise.all(
      keys.map((k, i) =>
        patchReport(draft.id, [{ path: `sections.applications.newReceived.${k}`, base: null, value: i + 1 }]),
      ),
    )
    expect(results.every((r) => r.applied === 1 && r.conflicts.length === 0)).toBe(true)
    const stored = await getReport(draft.id)
    expect(stored!.version).toBe(1 + keys.length)
    expect((stored!.report.sections.applications as any).newReceived).toMatchObject({
      natural: 1,
      commercial: 2,
      research: 3,
      publicInterest: 4,
      legalService: 5,
      other: 6,
      total: 21,
    })
  })

  it('merges paragraphs of one narrative', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [{ path: overview, base: '', value: '甲\n乙\n丙' }])
    await patchReport(draft.id, [{ path: `${overview}#1`, base: '甲', value: '甲一' }])
    const r = await patchReport(draft.id, [{ path: `${overview}#3`, base: '丙', value: '丙三' }])
    expect(r.conflicts).toEqual([])
    expect((await getReport(draft.id))!.report.sections.overview).toBe('甲一\n乙\n丙三')
  })

  it('refuses invalid values with 422 keyed by path, and nothing is written', async () => {
    const draft = await newDraft()
    const e = await refused(
      patchReport(draft.id, [
        { path: COMMERCIAL, base: null, value: 1 },
        { path: NATURAL, base: null, value: '5O' },
        { path: 'sections.applications.newReceived.total', base: null, value: 1 },
      ]),
    )
    expect(e.status).toBe(422)
    expect(Object.keys(e.fields ?? {}).sort()).toEqual([NATURAL, 'sections.applications.newReceived.total'])
    expect((await getReport(draft.id))!.version).toBe(1)
  })

  it('refuses a report that is not editable (409 not_editable) and an unknown report (404)', async () => {
    const draft = await newDraft()
    await prisma.report.update({ where: { id: draft.id }, data: { status: 'submitted' } })
    const e = await refused(patchReport(draft.id, [{ path: NATURAL, base: null, value: 1 }]))
    expect([e.status, e.code]).toEqual([409, 'not_editable'])
    expect((await refused(patchReport('nope', []))).status).toBe(404)
  })

  it('a change undoes 标记为完成', async () => {
    const draft = await newDraft()
    await prisma.report.update({ where: { id: draft.id }, data: { status: 'complete' } })
    const r = await patchReport(draft.id, [{ path: NATURAL, base: null, value: 1 }])
    expect(r.status).toBe('draft')
    const [, save] = await events(draft.id)
    expect(JSON.parse(save.summary).reopened).toBe(true)
  })

  it('the history labels each change from the format and shows old → new', async () => {
    const draft = await newDraft()
    await patchReport(draft.id, [{ path: NATURAL, base: null, value: 7 }])
    await patchReport(draft.id, [{ path: overview, base: '', value: '甲\n乙' }])
    await patchReport(draft.id, [{ path: `${overview}#2`, base: '乙', value: null }])
    const [removed, text, cell] = (await reportHistory(draft.id)).events.filter((e) => e.kind === 'save')
    expect(cell.changes.find((c) => c.path === NATURAL)).toEqual({
      path: NATURAL,
      label: cellByPath(FORMATS['2021'], NATURAL.slice('sections.'.length))?.label,
      old: '（空白）',
      new: '7',
    })
    expect(text.changes[0]).toMatchObject({ old: '（空白）', new: '甲\n乙' })
    expect(removed.changes[0]).toMatchObject({ path: `${overview}#2`, old: '乙', new: '（删除）' })
    expect(removed.changes[0].label).toMatch(/正文第2段/)
  })
})

describe('patchReport keeps what a whole-report save keeps out', () => {
  it('strips control and direction characters with a notice, and refuses a total past the largest count', async () => {
    const draft = await newDraft()
    const overview = 'sections.overview'
    const saved = await patchReport(draft.id, [{ path: overview, base: '', value: '一、总体\u202e情况\u0007' }])
    expect(saved.notices?.[0]).toContain('已删除2个')
    expect((await getReport(draft.id))?.report.sections.overview).toBe('一、总体情况')
    // Every applicant column of 本年新收 at the largest count: their 总计 could not be stored.
    const row = FORMATS['2021'].sections.find((s) => s.key === 'applications')!
    const columns = formatCellsOf(row).filter((c) => c.path.startsWith('applications.newReceived.'))
    const inputs = columns.filter((c) => !c.path.endsWith('.total'))
    const big = await refused(
      patchReport(
        draft.id,
        inputs.map((c) => ({ path: `sections.${c.path}`, base: null, value: 999_999_999 })),
      ),
    )
    expect([big.status, big.code]).toEqual([422, 'total_too_large'])
    expect((await getReport(draft.id))?.report.sections.applications).toMatchObject({
      newReceived: { natural: null },
    })
  })
})

describe('applyChanges (the pure step the save and the warm-up share)', () => {
  const format = FORMATS['2021']

  it('derives the same totals whether it derives only those the changes feed or all of them', () => {
    const held = warmupReport(format)
    const parsed = JSON.parse(JSON.stringify(held))
    const changes = [
      { path: NATURAL, base: leaf(held, NATURAL), value: 41 },
      { path: COMMERCIAL, base: leaf(held, COMMERCIAL), value: 2 },
    ]
    const a = applyChanges(format, held, changes, true)
    const b = applyChanges(format, parsed, changes, false)
    expect(a.ok && b.ok).toBe(true)
    expect(held).toEqual(parsed)
    if (!a.ok || !b.ok) return
    expect(a.applied).toEqual(b.applied)
    expect(a.derived.length).toBeGreaterThan(0)
    expect(a.overflow).toEqual([])
  })

  it('derives nothing when every change conflicts, and names invalid values by path', () => {
    const report = warmupReport(format)
    const conflict = applyChanges(format, report, [{ path: NATURAL, base: 123_456, value: 1 }], true)
    expect(conflict).toMatchObject({ ok: true, applied: [], derived: [], overflow: [] })
    if (conflict.ok) expect(conflict.conflicts.map((c) => c.path)).toEqual([NATURAL])
    const invalid = applyChanges(format, report, [{ path: NATURAL, base: leaf(report, NATURAL), value: '5O' }], true)
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) expect(Object.keys(invalid.fields)).toEqual([NATURAL])
  })

  it('names the totals past the largest count', () => {
    const report = warmupReport(format)
    const row = format.sections.find((s) => s.key === 'applications')!
    const inputs = formatCellsOf(row).filter(
      (c) => c.path.startsWith('applications.newReceived.') && !c.path.endsWith('.total'),
    )
    const changes = inputs.map((c) => ({
      path: `sections.${c.path}`,
      base: leaf(report, `sections.${c.path}`),
      value: 999_999_999,
    }))
    const result = applyChanges(format, report, changes, true)
    expect(result.ok && result.overflow.length).toBeGreaterThan(0)
  })

  it('cleanChanges strips control characters from values and bases and counts them', () => {
    const { cleaned, removed } = cleanChanges([{ path: overview, base: '甲\u0007', value: '乙\u202e' }])
    expect(cleaned).toEqual([{ path: overview, base: '甲', value: '乙' }])
    expect(removed).toBe(2)
  })
})

function leaf(report: unknown, path: string): any {
  let node = report as any
  for (const key of path.split('.')) node = node?.[key]
  return node ?? null
}
