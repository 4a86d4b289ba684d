import { describe, expect, it } from 'vitest'
import { sentenceRange } from './sentence-range'

const text = '（二）依申请公开\n本年度共新收政府信息公开申请170件。其中予以公开61件。\n下一段。'
const pick = (p: number, q?: string) => {
  const [a, b] = sentenceRange(text, p, q)
  return text.slice(a, b)
}

describe('the sentence of a narrative finding', () => {
  it('is the quoted sentence within its paragraph', () => {
    expect(pick(2, '本年度共新收政府信息公开申请170件。')).toBe('本年度共新收政府信息公开申请170件。')
    expect(pick(2, '其中予以公开61件。')).toBe('其中予以公开61件。')
  })

  it('spans an excerpt cut short with “…”', () => {
    expect(pick(2, '本年度共新收…170件。')).toBe('本年度共新收政府信息公开申请170件。')
  })

  it('reaches to the end (or start) of its sentence when the quote is cut short there', () => {
    expect(pick(2, '本年度共新收政府…')).toBe('本年度共新收政府信息公开申请170件。')
    expect(pick(2, '…予以公开61件。')).toBe('其中予以公开61件。')
    const debris = 'ENELRTRESRURESEE. TEDERATLSEEHRS AT TFEER, THIEABRESATHREN'
    const [a, b] = sentenceRange(`标题\n${debris}\n下一段。`, 2, 'ENELRTRESRURESEE. TEDERA…')
    expect(`标题\n${debris}\n下一段。`.slice(a, b)).toBe(debris)
  })

  it('is the whole paragraph when there is no quote, or the text changed since', () => {
    expect(pick(2)).toBe('本年度共新收政府信息公开申请170件。其中予以公开61件。')
    expect(pick(2, '已被删去的句子。')).toBe('本年度共新收政府信息公开申请170件。其中予以公开61件。')
    expect(pick(9, '下一段。')).toBe('下一段。')
  })
})
