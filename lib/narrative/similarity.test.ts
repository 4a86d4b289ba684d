import { describe, expect, it } from 'vitest'
import { fixture } from '@/test/fixtures'
import {
  comparable,
  compareNarratives,
  GRAM,
  grams,
  hashWindow,
  jaccard,
  NEAR_IDENTICAL,
  normalise,
  ParagraphIndex,
  shareText,
} from './similarity'
import type { NarrativeText } from './texts'

const texts = (section: string, text: string): NarrativeText[] => [{ section, heading: '', text }]

// Real paragraphs: 张店区人民政府办公室 2022, section 五 (fixture zhangdian-office-2022).
const OFFICE_2022 =
  '2022年，区政府办公室政府信息公开工作取得了一定成绩，但对标其他先进兄弟单位仍存在不足：一是仍需继续提升政策解读的质量、效果，丰富政策解读的形式。二是仍需加强对政府信息公开各成员单位信息公开工作的指导和监督力度，进一步提升政务公开人员的能力素质。三是仍需进一步提升对政府信息公开申请事项的答复水平和对申请人的服务质效。'
// 张店区机关事务服务中心 2022, section 五 (fixture zhangdian-jgsw-2022): the same theme, other words.
const JGSW_2022 =
  '2022年，在各级领导关怀下，淄博市张店区机关事务服务中心政府信息公开工作取得了新进展，但也存在信息公开范围有待进一步拓宽、政务信息公开的内容有待进一步丰富、信息公开数量有待进一步提升等问题。针对以上问题我中心重点开展了以下工作：'

describe('normalise and 5-grams', () => {
  it('drops whitespace, punctuation, symbols and digits, and lower-cases Latin letters', () => {
    expect(normalise('2022年，共收到 {{applications.newReceived.total}} 件（H5）。')).toBe('年共收到件h')
  })
  it('a paragraph with only its numbers and year changed is identical', () => {
    const next = OFFICE_2022.replace('2022年', '2023年')
    expect(normalise(next)).toBe(normalise(OFFICE_2022))
  })
})

describe('5-gram hashes', () => {
  it('the written-out windows of BMP text hash as hashWindow does, over the whole BMP', () => {
    // Every code unit but surrogates, in a scrambled order, plus a real paragraph.
    const units: number[] = []
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units.push((c * 40503) & 0xffff)
    const bmp = units.filter((c) => c < 0xd800 || c > 0xdfff)
    for (const text of [String.fromCharCode(...bmp), normalise(OFFICE_2022), 'abcde', 'abcdef']) {
      const codes = Array.from(text, (c) => c.charCodeAt(0))
      const expected = new Set<number>()
      for (let i = 0; i + GRAM <= codes.length; i++) expected.add(hashWindow(codes, i, i + GRAM))
      expect([...grams(text)]).toEqual([...expected].sort((a, b) => a - b))
    }
  })
})

describe('near-identical: 5-gram Jaccard ≥ 0.9', () => {
  it('one changed clause in a long real paragraph is still near-identical', () => {
    const edited = OFFICE_2022.replace('丰富政策解读的形式', '丰富解读形式')
    const j = jaccard(grams(normalise(OFFICE_2022)), grams(normalise(edited)))
    expect(j).toBeGreaterThanOrEqual(NEAR_IDENTICAL)
    expect(j).toBeLessThan(1)
  })
  it('two agencies’ real paragraphs on the same theme are far apart', () => {
    expect(jaccard(grams(normalise(OFFICE_2022)), grams(normalise(JGSW_2022)))).toBeLessThan(0.2)
  })
  it('rewriting half of a paragraph is not near-identical', () => {
    const half = OFFICE_2022.slice(0, Math.floor(OFFICE_2022.length / 2)) + JGSW_2022
    expect(jaccard(grams(normalise(OFFICE_2022)), grams(normalise(half)))).toBeLessThan(NEAR_IDENTICAL)
  })
})

describe('compareNarratives', () => {
  it('skips short paragraphs (headings, “无”), which repeat every year by design', () => {
    expect(
      comparable(texts('problemsImprovements', `（一）存在的主要问题\n无\n${OFFICE_2022}`)).map((p) => p.paragraph),
    ).toEqual([3])
  })
  it('a report copied from last year with new numbers is 100 % repeated, every paragraph matched', () => {
    const { report } = fixture('zhangdian-gov-2021')
    const overview = report.sections.overview as string
    const mine = comparable(texts('overview', overview.replace(/\d/g, '7')))
    const result = compareNarratives(mine, new ParagraphIndex(comparable(texts('overview', overview))))
    expect(result.share).toBe(1)
    expect(result.matches.length).toBe(mine.length)
    expect(result.matches.every((m) => m.identical && m.paragraph.paragraph === m.other.paragraph)).toBe(true)
  })
  it('the share weighs paragraphs by length: one copied of two equal ones is 50 %, shown as 50%', () => {
    const mine = comparable(
      texts('problemsImprovements', `${OFFICE_2022}\n${OFFICE_2022.split('').reverse().join('')}`),
    )
    const result = compareNarratives(mine, new ParagraphIndex(comparable(texts('problemsImprovements', OFFICE_2022))))
    expect(result.share).toBe(0.5)
    expect(shareText(result.share)).toBe('50%')
    expect(result.matches.map((m) => m.paragraph.paragraph)).toEqual([1])
  })
  it('two agencies’ real reports of one year share no paragraph', () => {
    const a = fixture('zhangdian-office-2022').report.sections
    const b = fixture('zhangdian-jgsw-2022').report.sections
    const result = compareNarratives(
      comparable(texts('overview', a.overview as string)),
      new ParagraphIndex(comparable(texts('overview', b.overview as string))),
    )
    expect(result.matches).toEqual([])
    expect(result.share).toBe(0)
  })
})
