import { describe, expect, it } from 'vitest'
import { looseFeeAmounts } from './fees'

const read = (text: string) => Object.fromEntries(looseFeeAmounts(text).map((f) => [f.key, f.value]))

describe('信息处理费 phrased loosely', () => {
  it('reads the published sentences (淮安 2024 and others as printed)', () => {
    expect(
      read('2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。'),
    ).toEqual({
      amountCollectedYuan: 3940,
    })
    expect(read('本年度收取信息处理费共计120元。')).toEqual({ amountCollectedYuan: 120 })
    expect(read('依申请公开工作中，发出收费通知书2份，收费50元。')).toEqual({
      noticesIssued: 2,
      amountCollectedYuan: 50,
    })
    expect(read('共发出2件收费通知，应收信息处理费300元，实际收取信息处理费0.03万元。')).toEqual({
      noticesIssued: 2,
      amountBilledYuan: 300,
      amountCollectedYuan: 300,
    })
    expect(read('信息处理费收入合计85.5元。')).toEqual({ amountCollectedYuan: 85.5 })
  })

  it('does not read other fees, or a bill as a collection', () => {
    expect(read('行政事业性收费共收取3.2万元。')).toEqual({})
    expect(read('本年度行政事业性收费12万元，未收取信息处理费。')).toEqual({})
    expect(read('应收取信息处理费100元。')).toEqual({ amountBilledYuan: 100 })
    expect(read('收到政府信息公开申请28件。')).toEqual({})
  })
})
