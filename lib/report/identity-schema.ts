/**
 * The zod schema of an agency code (lib/report/identity.ts says what a code is). Apart from
 * identity.ts so that reading a report does not load zod (decision 0770).
 */
import { z } from 'zod'
import { AGENCY_CODE_MAX, AGENCY_CODE_MIN, AGENCY_CODE_PATTERN } from './identity'

export function agencyCodeSchema() {
  return z
    .string({ error: '请填写机关代码' })
    .trim()
    .min(AGENCY_CODE_MIN, { error: `机关代码至少${AGENCY_CODE_MIN}个字符` })
    .max(AGENCY_CODE_MAX, { error: `机关代码不超过${AGENCY_CODE_MAX}个字符` })
    .regex(AGENCY_CODE_PATTERN, {
      error: '机关代码只能由英文小写字母、数字和连字符组成，连字符不能在开头、结尾或连用',
    })
}
