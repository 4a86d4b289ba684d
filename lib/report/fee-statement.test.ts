import { describe, expect, it } from 'vitest'
import { feeStatement, withFeeStatement } from './fee-statement'

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
