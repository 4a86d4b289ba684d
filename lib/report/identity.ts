/**
 * Who a report belongs to and which report it is (docs/decisions/0040): an agency's immutable
 * code, and a report's kind and scope. A report is identified by (agency, year, kind).
 */
export const AGENCY_CODE_MIN = 2
export const AGENCY_CODE_MAX = 64
/** Lowercase ASCII letters and digits in runs joined by single hyphens: zhangdian-office, 370303-jyj. */
export const AGENCY_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const AGENCY_CODE_HINT = '英文小写字母、数字和连字符，创建后不可修改'

export const isAgencyCode = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length >= AGENCY_CODE_MIN &&
  value.length <= AGENCY_CODE_MAX &&
  AGENCY_CODE_PATTERN.test(value)

/** 'report' the agency's own; 'rollup' a government's 全区汇总; 'history' imported, read-only. */
export const REPORT_KINDS = ['report', 'rollup', 'history'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  report: '本机关年报',
  rollup: '全区汇总',
  history: '历史年报',
}

/** 'self' 本级 (the agency itself); 'region' 全区 (the agency and every agency under it). */
export const REPORT_SCOPES = ['self', 'region'] as const
export type ReportScope = (typeof REPORT_SCOPES)[number]
export const REPORT_SCOPE_LABELS: Record<ReportScope, string> = { self: '本级', region: '全区' }
