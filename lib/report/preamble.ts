/**
 * The standard opening paragraph of an annual report, written from the agency's details: the
 * legal basis, the statistical period, where the electronic version is published and whom to
 * contact, as the published reports word it (../shared/seeds). Every detail is optional: a
 * sentence whose details are all missing is left out rather than printed half empty.
 */
import type { FormatDef } from '@/lib/format/types'

export interface AgencyContact {
  portalUrl?: string | null
  address?: string | null
  postcode?: string | null
  telephone?: string | null
  email?: string | null
}

export const CONTACT_FIELDS: { key: keyof AgencyContact; label: string; example: string }[] = [
  { key: 'portalUrl', label: '门户网站网址', example: 'www.zhangdian.gov.cn' },
  { key: 'address', label: '联系地址', example: '淄博市张店区新村西路226号' },
  { key: 'postcode', label: '邮政编码', example: '255020' },
  { key: 'telephone', label: '联系电话', example: '0533-2869836' },
  { key: 'email', label: '电子邮箱', example: 'zdzwgk@zb.shandong.cn' },
]

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== ''

export interface PreambleInput {
  agencyName: string
  year: number
  format: Pick<FormatDef, 'basis' | 'sections'>
  contact: AgencyContact
}

/** The section titles without their numbers: 总体情况、主动公开政府信息情况…. */
function sectionTitles(format: PreambleInput['format']): string {
  return format.sections.map((s) => s.heading.replace(/^[一二三四五六七八九十]+、/, '')).join('、')
}

export function generatePreamble({ agencyName, year, format, contact }: PreambleInput): string {
  const name = agencyName.trim()
  const sentences = [
    `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${format.basis}）要求，由${name}编制。`,
    `全文包括${sectionTitles(format)}${format.sections.length === 6 ? '六' : format.sections.length}个部分。`,
    `本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
  ]
  if (present(contact.portalUrl)) {
    sentences.push(`本报告电子版可在${name}门户网站（网址：${contact.portalUrl.trim()}）查阅或下载。`)
  }
  const ways = [
    present(contact.address) ? `地址：${contact.address.trim()}` : null,
    present(contact.postcode) ? `邮编：${contact.postcode.trim()}` : null,
    present(contact.telephone) ? `联系电话：${contact.telephone.trim()}` : null,
    present(contact.email) ? `电子邮箱：${contact.email.trim()}` : null,
  ].filter((w): w is string => w !== null)
  if (ways.length > 0) sentences.push(`如对本报告有疑问，请与${name}联系（${ways.join('；')}）。`)
  return sentences.join('')
}
