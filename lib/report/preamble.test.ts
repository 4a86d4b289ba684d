import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { generatePreamble } from './preamble'

describe('generatePreamble', () => {
  const base = { agencyName: '淄博市张店区机关事务服务中心', year: 2022, format: GOV_2021 }

  it('writes the standard paragraph from every detail', () => {
    const text = generatePreamble({
      ...base,
      contact: {
        portalUrl: 'www.zhangdian.gov.cn',
        address: '山东省淄博市张店区新村西路226号',
        postcode: '255020',
        telephone: '0533-2869928',
        email: 'zdjgsw@163.com',
      },
    })
    expect(text).toContain('国办公开办函〔2021〕30号')
    expect(text).toContain('全文包括总体情况、主动公开政府信息情况、')
    expect(text).toContain('其他需要报告的事项六个部分')
    expect(text).toContain('统计期限自2022年1月1日起至2022年12月31日止。')
    expect(text).toContain('门户网站（网址：www.zhangdian.gov.cn）查阅或下载。')
    expect(text).toContain(
      '请与淄博市张店区机关事务服务中心联系（地址：山东省淄博市张店区新村西路226号；邮编：255020；联系电话：0533-2869928；电子邮箱：zdjgsw@163.com）。',
    )
    expect(text).not.toContain('\n')
  })

  it('leaves out a sentence whose details are all missing, and a missing detail', () => {
    const none = generatePreamble({ ...base, contact: {} })
    expect(none).not.toMatch(/网址|联系（/)
    const phoneOnly = generatePreamble({ ...base, contact: { telephone: '0533-2869928', address: '  ' } })
    expect(phoneOnly).toContain('联系（联系电话：0533-2869928）。')
  })
})
