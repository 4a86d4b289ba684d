import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import { alignParagraphs, diffReports } from './diff'

/** The length of a longest common subsequence, by the full table (small inputs only). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1])
      diagonal = above
    }
  }
  return row[b.length]
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    return s / 0x7fffffff
  }
}

describe('alignParagraphs (linear-space Myers)', () => {
  it('keeps every paragraph of both sides in order and matches as many as a longest common subsequence', () => {
    const rnd = random(11)
    for (let round = 0; round < 400; round++) {
      const alphabet = 1 + Math.floor(rnd() * 6)
      const list = () => Array.from({ length: Math.floor(rnd() * 14) }, () => `段${Math.floor(rnd() * alphabet)}`)
      const a = list()
      const b = list()
      const rows = alignParagraphs(a, b)
      expect(rows.flatMap((r) => (r.before === null ? [] : [r.before]))).toEqual(a)
      expect(rows.flatMap((r) => (r.after === null ? [] : [r.after]))).toEqual(b)
      expect(rows.filter((r) => r.kind === 'same')).toHaveLength(lcsLength(a, b))
      for (const r of rows) if (r.kind === 'same') expect(r.before).toBe(r.after)
    }
  })

  it('aligns two narratives at the paragraph cap, changed ones beside their old selves', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `第${i}段：本机关依法公开政府信息，做好依申请公开工作。`)
    const b = a.map((p, i) => (i % 97 === 0 ? `${p}（修改）` : p))
    b.splice(2500, 0, '新增的一段。')
    const rows = alignParagraphs(a, b)
    expect(rows.filter((r) => r.kind === 'changed')).toHaveLength(Math.ceil(5000 / 97))
    expect(rows.filter((r) => r.kind === 'added')).toEqual([{ kind: 'added', before: null, after: '新增的一段。' }])
    expect(rows.filter((r) => r.kind === 'same')).toHaveLength(5000 - Math.ceil(5000 / 97))
  })

  it('aligns two entirely different narratives at the cap as changed rows', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `甲${i}`)
    const b = Array.from({ length: 5000 }, (_, i) => `乙${i}`)
    const rows = alignParagraphs(a, b)
    expect(rows).toHaveLength(5000)
    expect(rows.every((r) => r.kind === 'changed')).toBe(true)
  })
})

describe('alignParagraphs on costly inputs', () => {
  it('keeps both sides whole when the sides share paragraphs in a scrambled order', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `段${i}`)
    const b = [...a].reverse()
    const rows = alignParagraphs(a, b)
    expect(rows.flatMap((r) => (r.before === null ? [] : [r.before]))).toEqual(a)
    expect(rows.flatMap((r) => (r.after === null ? [] : [r.after]))).toEqual(b)
    expect(rows.filter((r) => r.kind === 'same').length).toBeGreaterThanOrEqual(1)
  })
})

describe('the preamble in the comparison', () => {
  it('is compared first, paragraph by paragraph', () => {
    const { report, format } = fixture('zichuan-gov-2020')
    const next = structuredClone(report)
    next.preamble = `${report.preamble}\n新增一段。`
    const diff = diffReports(report, next, format)
    expect(diff.same).toBe(false)
    expect(diff.narratives[0]).toMatchObject({ sectionKey: 'preamble', heading: format.preamble.heading })
    expect(diff.narratives[0].rows.filter((r) => r.kind !== 'same')).toHaveLength(1)
    expect(diffReports(report, structuredClone(report), format).same).toBe(true)
  })
})
