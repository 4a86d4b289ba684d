/**
 * What the report routes accept: path segments, query strings and bodies, one zod schema each.
 * The report content itself is checked by the services with the format's own schema
 * (lib/report/schema.ts), which answers with field-path errors; here it is only "an object".
 * Components import these as types only: the document query pulls in the exporters.
 */
import { z } from 'zod'
import { chineseDate } from '@/lib/china-time'
import type { DocumentRequest } from '@/lib/export/document-export'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import type { DocumentSource } from '@/lib/services/report-export'
import { HISTORY_PAGE_SIZE, MAX_COMMENT_CHARS } from './limits'
import { correctionNoteInput, secrecyRecordInput } from './publication'

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

/** A changed leaf's value on the wire: a number, text, or null (blank; a removed paragraph). */
const leafValue = z.union([z.number(), z.string().max(MAX_NARRATIVE_CHARS), z.null()], {
  error: '值应为数字、文本或空',
})

/** At most this many changes in one PATCH: autosave sends a few; a paste of a whole table ~200. */
export const MAX_PATCH_CHANGES = 2000

/** PATCH /api/reports/:id: which paths exist and what values they take is the service's to say. */
export const patchReportInput = z.object({
  changes: z
    .array(
      z.object({
        path: z.string({ error: '缺少要修改的位置 path' }).min(1).max(200, { error: '位置 path 过长' }),
        base: leafValue,
        value: leafValue,
      }),
      { error: '缺少修改 changes' },
    )
    .max(MAX_PATCH_CHANGES, { error: `一次最多保存${MAX_PATCH_CHANGES}处修改` }),
})

export type PatchReportInput = z.infer<typeof patchReportInput>

/** POST /api/reports/:id/complete */
export const completeInput = z.object({ baseVersion })

/** DELETE /api/reports/:id: the draft the officer saw (a save since then is a conflict). */
export const deleteReportInput = z.object({ baseVersion })

/** POST /api/reports/:id/transitions: which transition the workflow table knows is the service's to say. */
export const transitionInput = z.object({
  transition: z.string({ error: '缺少要进行的操作' }).min(1, { error: '缺少要进行的操作' }),
  baseVersion,
  reason: z.string({ error: '理由应为文本' }).optional(),
  /** 发布: the 保密审查 record (required; the service says so, keyed secrecy.reviewer …). */
  secrecy: secrecyRecordInput.optional(),
  /** 发布 of a correction after publication: the public 更正说明. */
  correctionNote: correctionNoteInput.optional(),
})

/** POST /api/reports/:id/comments: a new thread {anchor, body} or an answer {parentId, body}. */
export const commentInput = z
  .object({
    body: z
      .string({ error: '请填写意见' })
      .max(MAX_COMMENT_CHARS, { error: `意见不能超过${MAX_COMMENT_CHARS}字，请精简后再提交` }),
    anchor: z.string({ error: '意见应针对年报的某一部分或某个单元格。' }).optional(),
    parentId: z.string({ error: '要回复的意见不存在' }).min(1, { error: '要回复的意见不存在' }).optional(),
  })
  .refine((c) => c.anchor !== undefined || c.parentId !== undefined, {
    error: '意见应针对年报的某一部分或某个单元格。',
    path: ['anchor'],
  })

/** GET /api/reports/:id/history?page=2: HISTORY_PAGE_SIZE events a page, newest first. */
export const historyQuery = z.object({
  page: z.coerce
    .number({ error: '页码应为正整数' })
    .int({ error: '页码应为正整数' })
    .min(1, { error: '页码应为正整数' })
    .max(1_000_000, { error: '页码过大' })
    .optional(),
})
export { HISTORY_PAGE_SIZE }

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
export const importQuery = z.object({
  agencyId: z.string().max(100, { error: '机关不存在' }).optional(),
  /** `history`: 导入上年度年报, kept read-only as the agency's history (issue 13). */
  as: z.enum(['history'], { error: '导入方式应为 history' }).optional(),
})

/**
 * The imported file's text, sent as JSON {file} like every other body (a text/plain body is
 * what a cross-site form can send); the interchange reader says what is wrong with the text.
 */
export const importInput = z.object({ file: z.string({ error: '缺少要导入的文件内容，请重新选择文件' }) })

export type SaveReportInput = z.input<typeof saveReportInput>
export type CompleteInput = z.input<typeof completeInput>
export type DeleteReportInput = z.input<typeof deleteReportInput>
export type TransitionInput = z.input<typeof transitionInput>
export type CommentInput = z.input<typeof commentInput>
export type ImportInput = z.input<typeof importInput>
export type VersionsQuery = z.input<typeof versionsQuery>
export type DocumentQuery = z.input<typeof documentQuery>

/** GET /api/reports/:id/pdf: the 落款 date, and which approved version (default the latest). */
export const pdfQuery = z
  .object({
    signature: z
      .string()
      .refine((s) => s === '' || chineseDate(s) !== null, { error: '落款日期无效，应为 年-月-日' })
      .optional(),
    version: z
      .string()
      .regex(/^[1-9]\d{0,3}$/, { error: '版本号无效' })
      .optional(),
  })
  .transform((q) => ({ signatureDate: q.signature || null, ...(q.version ? { version: Number(q.version) } : {}) }))

export type PdfQuery = z.input<typeof pdfQuery>
