/**
 * Inputs of the coordinator's board (decision 0270): the page's query (year, filters, page),
 * 催报, the government's settings, the roll-up and marking notices read.
 */
import { z } from 'zod'
import { UNSAFE_IN_NAME, UNSAFE_NAME_MESSAGE } from '@/lib/text/unsafe-chars'
import { agencyParams } from './agency-contact'

export { agencyParams as boardParams }

const STATE_IDS = ['none', 'draft', 'complete', 'submitted', 'returned', 'approved', 'published', 'withdrawn'] as const

/** ?year=&state=&overdue=1&errors=1&name=&page= of /board (never refused: a bad value is the default). */
export const boardPageQuery = z.object({
  gov: z.string().max(100).optional().catch(undefined),
  year: z.coerce.number().int().min(2008).max(9999).optional().catch(undefined),
  state: z.enum(STATE_IDS).optional().catch(undefined),
  overdue: z
    .literal('1')
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  late: z
    .literal('1')
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  errors: z
    .literal('1')
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  name: z.string().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
})

export const reminderBody = z.object({
  year: z.number({ error: '年度应为数字' }).int(),
  agencyIds: z.array(z.string()),
  message: z.string().optional(),
})
export type ReminderBody = z.infer<typeof reminderBody>

export const settingsBody = z.object({
  departmentDeadline: z.string().optional(),
  governmentDeadline: z.string().optional(),
  reminderDays: z.array(z.number()).optional(),
  portalOrigin: z.string().optional(),
})
export type SettingsBody = z.infer<typeof settingsBody>

export const rollupBody = z.object({
  year: z.number({ error: '年度应为数字' }).int(),
  /** The agencies to sum; all under the government when absent. */
  agencyIds: z.array(z.string()).optional(),
  /** A saved selection of agencies to sum (decision 0411); not with agencyIds. */
  selectionId: z.string().max(100).optional(),
  /** 'approved': each agency's latest approved version; 'latest': the working copy. */
  basis: z.enum(['approved', 'latest']).optional(),
  /** Store it as the government's 全区汇总 report. */
  store: z.boolean().optional(),
})
export type RollupBody = z.infer<typeof rollupBody>

export const noticesReadBody = z.object({ ids: z.array(z.string().max(100)).max(500) })

/** GET /api/board/:id/charts/:chart?year= (one of the board's charts as .svg). */
export const chartParams = z.object({
  id: z.string({ error: '机关不存在' }).min(1, { error: '机关不存在' }).max(100, { error: '机关不存在' }),
  chart: z.enum(['progress', 'outcomes', 'years'], { error: '没有这个图表' }),
})
export const chartQuery = z.object({
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int({ error: '年度应为整数' })
    .min(2008, { error: '年度有误' })
    .max(9999, {
      error: '年度有误',
    }),
})

/** POST /api/board/:id/downloads: a .zip of the year's approved and published reports. */
export const bulkDownloadBody = z.object({ year: z.number({ error: '年度应为数字' }).int({ error: '年度应为整数' }) })
export type BulkDownloadBody = z.infer<typeof bulkDownloadBody>

export const downloadParams = z.object({
  id: z.string({ error: '打包下载不存在' }).min(1, { error: '打包下载不存在' }).max(100, { error: '打包下载不存在' }),
})

/** A saved selection of agencies for the roll-up (decision 0411): its name and members. */
export const selectionBody = z.object({
  name: z
    .string({ error: '名称应为文本' })
    .trim()
    .min(1, { error: '请填写汇总范围的名称' })
    .max(30, { error: '名称不超过30个字' })
    .refine((s) => !UNSAFE_IN_NAME.test(s), { error: `名称${UNSAFE_NAME_MESSAGE}` }),
  agencyIds: z
    .array(z.string().min(1).max(100))
    .min(1, { error: '请至少选择一个机关' })
    .max(10_000, { error: '所选机关过多' }),
})
export type SelectionBody = z.infer<typeof selectionBody>

export const selectionParams = z.object({
  id: z.string({ error: '机关不存在' }).min(1, { error: '机关不存在' }).max(100, { error: '机关不存在' }),
  selectionId: z
    .string({ error: '汇总范围不存在' })
    .min(1, { error: '汇总范围不存在' })
    .max(100, { error: '汇总范围不存在' }),
})
