import { describe, expect, it } from 'vitest'
import { feeStatement, statesNoFee, withFeeStatement } from './fee-statement'

const none = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }

describe('the standard fee sentence', () => {
  it('cites 国办函〔2020〕109号 only from 2021, when it took effect', () => {
    expect(feeStatement(2021, none)).toContain('国办函〔2020〕109号')
    expect(feeStatement(2020, none)).toBe('2020年度，本机关未向申请人发出收费通知，未收取信息处理费。')
    expect(feeStatement(2019, { noticesIssued: 2, amountBilledYuan: '100', amountCollectedYuan: '80' })).toBe(
      '2019年度，本机关共发出收费通知2件，应收取信息处理费100元，实际收取80元。',
    )
  })

  it('waits for all three facts, and replaces an existing fee line', () => {
    expect(feeStatement(2022, { ...none, amountBilledYuan: null })).toBeNull()
    const text = withFeeStatement('无。', feeStatement(2022, none)!)
    expect(text).toMatch(/^2022年度，本机关依据/)
    expect(withFeeStatement('旧的信息处理费说明。\n其他。', 'X信息处理费。')).toBe('X信息处理费。\n其他。')
  })
})

describe('statesNoFee', () => {
  it.each([
    '2021年度，在区政府办理政府信息公开申请过程中，依据《政府信息公开信息处理费管理办法》未收取任何信息处理费。',
    '1.2022年度，我单位未收到政府信息公开申请，无办理信息公开申请过程中收取信息处理费情况。',
    '2022 年度，我机关在办理以及代区政府办理政府信息公开申请过程中，未收取任何信息处理费。',
    '本机关未向申请人收取信息处理费。',
  ])('reads %j as no fee charged', (text) => {
    expect(statesNoFee(text)).toBe(true)
  })

  it.each(['共发出收费通知2件，实际收取信息处理费300元。', '无。', ''])('does not read %j so', (text) => {
    expect(statesNoFee(text)).toBe(false)
  })
})
