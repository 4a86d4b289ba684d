import { describe, expect, it } from 'vitest'
import { GOV_2021 } from '@/lib/format/gov-2021'
import { conversionMark, ocrDebris, pastedHeading, placeholder, wrongYear } from './leftovers'
import { narrativeLines } from './texts'

const line = (text: string, paragraph = 1) => ({ paragraph, quote: text, plain: text })
const headings = [
  { section: 'preamble', heading: GOV_2021.preamble.heading },
  ...GOV_2021.sections.map((s) => ({ section: s.key, heading: s.heading })),
]
const own = (key: string) => headings.find((h) => h.section === key)!

/** Real lines (seeds, fixtures, the portal pages) that must stay silent whatever check reads them. */
const REAL_SILENT = [
  // 张店区人民政府办公室 2022 (seed 000): H5 in an ordinary sentence.
  '针对以上问题，我们采取了以下改进措施：一是加大了对政策解读内容的审核力度，并积极与媒体单位进行对接，采取图文、视频、H5 等多元化形式解读群众关切，不断提高政策解读质量。',
  // The same report's preamble: an address, a postcode, a telephone number, a web address.
  '本报告电子版可在淄博市张店区人民政府门户网站（网址：www.zhangdian.gov.cn）查阅或下载。如对报告内容有疑问，请与张店区人民政府办公室联系（地址：淄博市张店区新村西路226号政务中心；邮编：255020；联系电话：0533-2869836）。',
  // 淄川区 2020 (seed 003): an e-mail address and a URL in capitals-free Latin.
  '本报告的电子版可以从淄川区人民政府门户网站（http://www.zichuan.gov.cn/）获取，如对本报告有任何疑问，请与淄川区人民政府办公室联系（地址：淄博市淄川区般阳路35号，电话：0533-5181064，邮箱：zcgov@zb.shandong.cn）。',
  // 平潭 portal pages: ICP, APP, IE.
  '闽ICP备09032658号',
  '闽政通APP',
  '为确保最佳浏览效果，建议您使用以下浏览器版本：IE浏览器9.0版本及以上； Google Chrome浏览器 63版本及以上；',
  // 淮安市 2024 (PDF): the period typeset with spaces.
  '报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日',
  // 张店区 2021 (seed 004): percentages and counts.
  '2021年度，全区共办理政府信息公开申请105件（政府层面的申请16件），其中自然人申请85件，商业企业申请12件，科研机构申请8件。',
  // 沭阳县发改局 2023: 本年度 of the report itself.
  '本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日。',
]
const REAL_YEARS = [2022, 2022, 2020, 2025, 2025, 2025, 2024, 2021, 2023]

describe('real lines stay silent', () => {
  REAL_SILENT.forEach((text, i) => {
    it(text.slice(0, 24), () => {
      const l = line(text)
      expect(ocrDebris(l)).toBeNull()
      expect(conversionMark(l)).toBeNull()
      expect(placeholder(l)).toBeNull()
      expect(wrongYear(l, REAL_YEARS[i], true)).toBeNull()
      expect(pastedHeading(l, own('overview'), headings)).toBeNull()
    })
  })
})

describe('L1 OCR debris', () => {
  it('finds the fixture’s run of Latin capitals in Chinese text (张店区 2021, seed 004)', () => {
    const f = ocrDebris(line('ENELRTRESRURESEE. TEDERATLSEEHRS AT TFEER, THIEABRESATHREN', 8))
    expect(f).toMatchObject({ ruleId: 'L1', paragraph: 8 })
    expect(f?.quote).toContain('ENELRTRESRURESEE')
  })
  it('finds several shorter unknown runs in one line (淄川区 2020, an OCR’d attachment)', () => {
    expect(ocrDebris(line('FUARBA, #HESTL FERERS, BRAEHIT,'))?.ruleId).toBe('L1')
  })
  it('leaves known abbreviations alone, even several in one line', () => {
    expect(ocrDebris(line('依托政府网站、政务APP、OA系统和PDF版公报，完成ICP备案和WPS格式转换。'))).toBeNull()
  })
})

describe('L2 conversion marks', () => {
  it('finds image and bookmark marks as the seeds carry them', () => {
    expect(conversionMark(line('大力推进制度[image: image1.png]建设'))?.detail).toContain('[image: image1.png]')
    expect(conversionMark(line('[bookmark: _GoBack]严格按照《条例》'))?.ruleId).toBe('L2')
    expect(conversionMark(line('[image: ]一是高度重视。'))?.ruleId).toBe('L2')
  })
  it('does not take square brackets of ordinary text for a mark', () => {
    expect(conversionMark(line('按照[2021]3号文件要求'))).toBeNull()
  })
})

describe('L3 placeholders', () => {
  it('finds XX, ××, 待补充, TODO, 此处填写', () => {
    for (const t of [
      '本年度共收到申请XX件',
      '办结××件',
      '具体情况待补充。',
      'TODO 补数据',
      '（此处填写联系电话）',
      'XX局',
    ])
      expect(placeholder(line(t))?.ruleId).toBe('L3')
  })
  it('does not read XX inside a Latin word, or 某某 without a place after it, as a placeholder', () => {
    expect(placeholder(line('XXI世纪'))).toBeNull()
    expect(placeholder(line('群众反映某某问题'))).toBeNull()
  })
})

describe('L4 another year called 本年', () => {
  it('finds 本年度（2021年） and a period of another year in a 2022 report', () => {
    expect(wrongYear(line('本年度（2021年），我局共收到申请10件。'), 2022, false)?.detail).toContain('2021')
    expect(wrongYear(line('本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。'), 2022, true)?.ruleId).toBe(
      'L4',
    )
    expect(wrongYear(line('结合我局实际，编制2024年政府信息公开工作年度报告。'), 2025, true)?.ruleId).toBe('L4')
  })
  it('leaves comparisons with another year alone', () => {
    expect(wrongYear(line('本年度共收到申请50件，较2021年增长25%。'), 2022, false)).toBeNull()
    expect(wrongYear(line('在2021年推进全区各中小学校务公开的基础上'), 2022, false)).toBeNull()
  })
})

describe('L5 a heading pasted into a body', () => {
  it('finds the section’s own heading, with or without its number, and another section’s', () => {
    expect(pastedHeading(line('一、总体情况'), own('overview'), headings)?.ruleId).toBe('L5')
    expect(pastedHeading(line('总体情况'), own('overview'), headings)?.ruleId).toBe('L5')
    expect(pastedHeading(line('二、主动公开政府信息情况'), own('overview'), headings)?.detail).toContain('另一部分')
  })
  it('finds a heading spread out by many spaces of every kind, and not a long line', () => {
    const spaces = ' \t\u3000\u00a0\u2003\u202f\ufeff*'.repeat(8)
    expect(pastedHeading(line(`${spaces}一、总${spaces}体情况：${spaces}`), own('overview'), headings)?.ruleId).toBe(
      'L5',
    )
    expect(pastedHeading(line(`一、总体情况${'很'.repeat(40)}`), own('overview'), headings)).toBeNull()
  })
  it('leaves sub-headings and sentences that name a section alone', () => {
    expect(pastedHeading(line('（一）主动公开'), own('overview'), headings)).toBeNull()
    expect(pastedHeading(line('总体情况良好，各项工作稳步推进。'), own('overview'), headings)).toBeNull()
  })
})

describe('narrativeLines', () => {
  it('numbers lines from 1 over blank ones and reads linked numbers as digits', () => {
    const lines = narrativeLines('第一段\n\n共收到{{applications.newReceived.total}}件XX')
    expect(lines.map((l) => l.paragraph)).toEqual([1, 3])
    expect(lines[1].plain).toBe('共收到0件XX')
    expect(lines[1].quote).toBe('共收到{{applications.newReceived.total}}件XX')
  })
  it('a line with only a heading marker is not a paragraph to check', () => {
    expect(narrativeLines('{{h:0}}')).toEqual([])
  })
})
