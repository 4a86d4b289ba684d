import { describe, expect, it } from 'vitest'
import {
  cleanPastedText,
  detectLevel,
  dropRepeatedHeading,
  HEADING_MAX_CHARS,
  headingLevel,
  paragraphLevels,
  parseNarrative,
  parseRuns,
  splitOverride,
  withOverride,
} from './narrative'

const plain = (text: string) => [{ text, bold: false }]

describe('headingLevel', () => {
  it.each([
    ['一、总体情况', 1],
    ['十二、其他需要报告的事项', 1],
    ['（一）主动公开情况', 2],
    ['(二)依申请公开', 2],
    ['1.加强组织领导', 3],
    ['12．完善制度', 3],
    ['（1）政策解读', 4],
    ['(3)回应关切', 4],
    ['１．全角数字的标题', 3],
    ['（２）全角数字的标题', 4],
  ])('%j is level %i', (text, level) => {
    expect(headingLevel(text)).toBe(level)
  })

  it.each([
    '2023年，本机关……',
    '1.5万件申请',
    '１．５万件申请',
    '123.各项',
    '（注：数据截至12月31日）',
    '一是加强领导',
    '',
  ])('%j is body text', (text) => {
    expect(headingLevel(text)).toBe(0)
  })
})

describe('parseRuns', () => {
  it('splits **bold** markers into runs', () => {
    expect(parseRuns('共**1234**件，同比增长')).toEqual([
      { text: '共', bold: false },
      { text: '1234', bold: true },
      { text: '件，同比增长', bold: false },
    ])
  })

  it('keeps an unclosed marker as text', () => {
    expect(parseRuns('**未闭合')).toEqual(plain('**未闭合'))
    expect(parseRuns('')).toEqual([])
  })
})

describe('cleanPastedText', () => {
  it('normalises line ends and removes what cannot be typeset', () => {
    expect(cleanPastedText('a\r\nb\rc')).toBe('a\nb\nc')
    expect(cleanPastedText('a\u0000b\u000bc\u007f')).toBe('abc')
    expect(cleanPastedText('x\u00a0y')).toBe('x y')
    expect(cleanPastedText('lone \ud800 surrogate, pair 😀')).toBe('lone  surrogate, pair 😀')
    expect(cleanPastedText('tab\tkept')).toBe('tab\tkept')
  })
})

describe('parseNarrative', () => {
  it('reads text pasted from Word: CRLF, full-width indents, empty lines between paragraphs', () => {
    const text =
      '一、总体情况\r\n\r\n　　2023年，本机关认真贯彻《条例》。\r\n（一）主动公开\r\n　　共公开信息**1234**条。\r\n'
    expect(parseNarrative(text)).toEqual([
      { level: 1, heading: plain('一、总体情况'), body: [] },
      { level: 0, heading: [], body: plain('2023年，本机关认真贯彻《条例》。') },
      { level: 2, heading: plain('（一）主动公开'), body: [] },
      {
        level: 0,
        heading: [],
        body: [
          { text: '共公开信息', bold: false },
          { text: '1234', bold: true },
          { text: '条。', bold: false },
        ],
      },
    ])
  })

  it('splits a heading that runs on into text at its first 。 or ：', () => {
    expect(parseNarrative('1.加强组织领导。成立工作专班，明确责任。')).toEqual([
      { level: 3, heading: plain('1.加强组织领导。'), body: plain('成立工作专班，明确责任。') },
    ])
    expect(parseNarrative('（1）公开内容：政策文件')).toEqual([
      { level: 4, heading: plain('（1）公开内容：'), body: plain('政策文件') },
    ])
  })

  it('a heading that ends with its stop has no body', () => {
    expect(parseNarrative('二、主动公开政府信息情况。')).toEqual([
      { level: 1, heading: plain('二、主动公开政府信息情况。'), body: [] },
    ])
  })

  it('an empty or whitespace-only narrative has no paragraphs', () => {
    expect(parseNarrative('')).toEqual([])
    expect(parseNarrative(' \r\n　\n\t')).toEqual([])
  })
})

describe('headings detected as a person would', () => {
  const item =
    '4.根据《2022年淄博市张店区政务公开工作方案》工作要求，结合机关事务工作实际，积极拟制《2022年张店区机关事务服务中心政务公开工作方案》，从总体要求、工作任务等六个方面进行工作部署，在明确重点工作任务分工的同时，认真细化政务公开工作任务台账，确保政府信息公开工作落实落细。'

  it('a numbered paragraph whose first sentence runs past 40 characters is body text', () => {
    expect(headingLevel(item)).toBe(3)
    expect(detectLevel(item)).toBe(0)
    expect(parseNarrative(item)).toEqual([{ level: 0, heading: [], body: plain(item) }])
  })

  it('1、 numbers a 三级标题 as 1. does (淄川 2020)', () => {
    expect(detectLevel('1、体制机制建设情况')).toBe(3)
    expect(detectLevel(`（一）${'很'.repeat(HEADING_MAX_CHARS - 3)}`)).toBe(2)
    expect(detectLevel(`（一）${'很'.repeat(HEADING_MAX_CHARS - 2)}`)).toBe(0)
  })

  it('a short lead sentence run into its paragraph stays a run-in heading', () => {
    expect(parseNarrative('（一）主动公开方面。2022年共公开政务信息83条。')).toEqual([
      { level: 2, heading: plain('（一）主动公开方面。'), body: plain('2022年共公开政务信息83条。') },
    ])
  })

  it('a line cut off mid-sentence continues in the next paragraph, so it is no heading', () => {
    expect(detectLevel('（二）依申请公开方面，')).toBe(0)
    expect(detectLevel('一、总体情况')).toBe(1)
  })

  it('the officer overrides the level per paragraph with a marker every renderer strips', () => {
    expect(splitOverride('{{h:0}}一、其实是正文')).toEqual({ override: 0, text: '一、其实是正文' })
    expect(withOverride('（一）标题', 0)).toBe('{{h:0}}（一）标题')
    expect(withOverride('{{h:0}}（一）标题', null)).toBe('（一）标题')
    expect(withOverride('{{h:3}}甲', 2)).toBe('{{h:2}}甲')
    expect(parseNarrative('{{h:0}}（一）其实是正文\n{{h:2}}加强领导\n{{h:3}}1.标题')).toEqual([
      { level: 0, heading: [], body: plain('（一）其实是正文') },
      { level: 2, heading: plain('加强领导'), body: [] },
      { level: 3, heading: plain('1.标题'), body: [] },
    ])
    const levels = paragraphLevels('\n{{h:0}}1.甲\n2.乙')
    expect(levels.map((l) => [l.line, l.detected, l.override, l.level])).toEqual([
      [2, 3, 0, 0],
      [3, 3, null, 3],
    ])
  })

  it('U+2028 and U+2029 end a paragraph', () => {
    expect(parseNarrative('甲\u2028乙\u2029丙').map((p) => p.body[0].text)).toEqual(['甲', '乙', '丙'])
  })
})

describe('dropRepeatedHeading', () => {
  it('drops a first line repeating the section heading, written the ways people paste it', () => {
    for (const first of ['一、总体情况', '  一、总体情况  ', '—、总体情况', '一、 总体情况。']) {
      expect(dropRepeatedHeading(`\n${first}\n\n2022年，本机关……`, '一、总体情况')).toEqual({
        text: '\n2022年，本机关……',
        dropped: first.trim(),
      })
    }
  })

  it('keeps anything else', () => {
    const text = '（一）主动公开\n一、总体情况'
    expect(dropRepeatedHeading(text, '一、总体情况')).toEqual({ text, dropped: null })
    expect(dropRepeatedHeading('', '一、总体情况')).toEqual({ text: '', dropped: null })
  })

  it('finds the first non-blank line wherever it is: first, after blank lines, last, or none', () => {
    const cases: [string, { text: string; dropped: string | null }][] = [
      ['一、总体情况', { text: '', dropped: '一、总体情况' }],
      ['一、总体情况\n正文', { text: '正文', dropped: '一、总体情况' }],
      ['\n\n \u3000\n一、总体情况', { text: '\n\n \u3000', dropped: '一、总体情况' }],
      ['\r\n一、总体情况\r\n正文', { text: '\r\n正文', dropped: '一、总体情况' }],
      [' \n\t\n', { text: ' \n\t\n', dropped: null }],
      ['\n\n正文\n一、总体情况', { text: '\n\n正文\n一、总体情况', dropped: null }],
    ]
    for (const [text, expected] of cases) expect(dropRepeatedHeading(text, '一、总体情况')).toEqual(expected)
  })
})
