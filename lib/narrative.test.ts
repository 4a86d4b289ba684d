import { describe, expect, it } from 'vitest'
import { cleanPastedText, headingLevel, parseNarrative, parseRuns } from './narrative'

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
