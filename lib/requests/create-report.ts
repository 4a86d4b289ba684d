/**
 * The new-report request: one schema for the home page's form (its resolver) and for
 * POST /api/reports (the route parses the body with it), so both accept the same years.
 */
import { z } from 'zod'
import { FORMATS } from '@/lib/format/index'

/** The earliest format (国办公开办函〔2019〕60号) covers the reports from 2019 on. */
export const FIRST_REPORT_YEAR = 2019
/** Far enough ahead for any report; the same bound as the interchange's year. */
export const LAST_REPORT_YEAR = 2100

export const createReportInput = z.object({
  formatVersion: z.enum(Object.keys(FORMATS) as [string, ...string[]], {
    error: '请选择表式：2021（国办公开办函〔2021〕30号）或 2019（国办公开办函〔2019〕60号）',
  }),
  year: z
    .number({ error: '请填写年度' })
    .int({ error: '年度应为整数' })
    .min(FIRST_REPORT_YEAR, { error: `${FIRST_REPORT_YEAR}年起适用现行条例，年度不早于${FIRST_REPORT_YEAR}年` })
    .max(LAST_REPORT_YEAR, { error: `年度不晚于${LAST_REPORT_YEAR}年` }),
  /** The agency the report is for; optional when the officer writes for one agency only. */
  agencyId: z.string({ error: '请选择机关' }).min(1, { error: '请选择机关' }).optional(),
  /** 沿用上年度正文: start the narratives from last year's report, each marked until confirmed. */
  startFromPreviousText: z.boolean({ error: '沿用上年度正文应为是或否' }).optional(),
})

export type CreateReportInput = z.input<typeof createReportInput>
