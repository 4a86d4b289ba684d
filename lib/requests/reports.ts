/**
 * What the report routes accept: path segments, query strings and bodies, one zod schema each.
 * The report content itself is checked by the services with the format's own schema
 * (lib/report/schema.ts), which answers with field-path errors; here it is only "an object".
 * Components import these as types only: the document query pulls in the exporters.
 */
import { z } from 'zod'
import { chineseDate, type DocumentRequest } from '@/lib/export/document-export'
import type { DocumentSource } from '@/lib/services/report-export'

const id = (missing: string) => z.string({ error: missing }).min(1, { error: missing }).max(100, { error: missing })

/** /api/reports/:id */
export const reportParams = z.object({ id: id('年报不存在或已被删除') })

/** /api/reports/:id/comments/:commentId */
export const commentParams = reportParams.extend({ commentId: id('意见不存在') })

const VERSION_MESSAGE = '缺少有效的版本号 baseVersion'

/** The content version the request was based on (the optimistic lock). */
export const baseVersion = z
  .number({ error: VERSION_MESSAGE })
  .int({ error: VERSION_MESSAGE })
  .min(1, { error: VERSION_MESSAGE })

/** PUT /api/reports/:id */
export const saveReportInput = z.object({
  baseVersion,
  report: z.looseObject({}, { error: '保存的内容不是年报数据' }),
})

/** POST /api/reports/:id/complete */
export const completeInput = z.object({ baseVersion })

/** DELETE /api/reports/:id: the draft the officer saw (a save since then is a conflict). */
export const deleteReportInput = z.object({ baseVersion })

/** POST /api/reports/:id/transitions: which transition the workflow table knows is the service's to say. */
export const transitionInput = z.object({
  transition: z.string({ error: '缺少要进行的操作' }).min(1, { error: '缺少要进行的操作' }),
  baseVersion,
  reason: z.string({ error: '理由应为文本' }).optional(),
})

/** POST /api/reports/:id/comments: a new thread {anchor, body} or an answer {parentId, body}. */
export const commentInput = z
  .object({
    body: z.string({ error: '请填写意见' }),
    anchor: z.string({ error: '意见应针对年报的某一部分或某个单元格。' }).optional(),
    parentId: z.string({ error: '要回复的意见不存在' }).min(1, { error: '要回复的意见不存在' }).optional(),
  })
  .refine((c) => c.anchor !== undefined || c.parentId !== undefined, {
    error: '意见应针对年报的某一部分或某个单元格。',
    path: ['anchor'],
  })

/** A frozen version by number, a submission (s1, s2, …) or the working copy. */
const versionKey = z.string().regex(/^(working|s?[1-9]\d{0,3})$/, { error: '版本应为版本号、提交编号（s1）或 working' })

/** GET /api/reports/:id/versions?a=1&b=working */
export const versionsQuery = z.object({ a: versionKey.optional(), b: versionKey.optional() })

/**
 * GET /api/reports/:id/docx and /html: ?fonts=stock&signature=2022-01-20&inline=1, and which
 * content: ?version=2 a frozen version, ?source=working the working copy, else the latest frozen.
 */
export const documentQuery = z
  .object({
    fonts: z.enum(['stock', 'gb2312'], { error: '字体参数应为 stock 或 gb2312' }).optional(),
    signature: z
      .string()
      .refine((s) => s === '' || chineseDate(s) !== null, { error: '落款日期无效，应为 年-月-日' })
      .optional(),
    inline: z.enum(['0', '1'], { error: 'inline 参数应为 0 或 1' }).optional(),
    version: z
      .string()
      .regex(/^[1-9]\d{0,3}$/, { error: '版本号无效' })
      .optional(),
    source: z.enum(['working', 'auto'], { error: 'source 参数应为 working' }).optional(),
  })
  .transform((q): { request: DocumentRequest; source: DocumentSource } => ({
    request: { fontMode: q.fonts ?? 'gb2312', signatureDate: q.signature || null, inline: q.inline === '1' },
    source: q.version ? Number(q.version) : (q.source ?? 'auto'),
  }))

/** POST /api/reports/import?agencyId=: which of the officer's agencies (optional with one). */
export const importQuery = z.object({ agencyId: z.string().max(100, { error: '机关不存在' }).optional() })

/** The imported file's text; the interchange reader says what is wrong with it. */
export const importText = z.string()

export type SaveReportInput = z.input<typeof saveReportInput>
export type CompleteInput = z.input<typeof completeInput>
export type DeleteReportInput = z.input<typeof deleteReportInput>
export type TransitionInput = z.input<typeof transitionInput>
export type CommentInput = z.input<typeof commentInput>
export type VersionsQuery = z.input<typeof versionsQuery>
export type DocumentQuery = z.input<typeof documentQuery>
