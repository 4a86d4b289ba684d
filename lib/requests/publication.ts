/**
 * What publishing asks for and the portal-copy check accepts (decision 0310): the 保密审查 record
 * (条例第十七条) and the 更正说明 go with a 发布, a reason with a 撤回发布. Shared by the publish
 * dialog (react-hook-form) and the transitions route, so both say the same in Chinese.
 */
import { z } from 'zod'
import { chinaToday } from '@/lib/workflow/deadlines'

export const MAX_SECRECY_REVIEWER_CHARS = 100
export const MAX_SECRECY_CONCLUSION_CHARS = 1_000
export const MAX_CORRECTION_NOTE_CHARS = 5_000

/** The conclusion most reviews reach, offered (editable) in the dialog. */
export const SECRECY_CONCLUSION_DEFAULT = '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私。'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

/** The 保密审查 record: who reviewed the version for secrets, on which day, and the conclusion. */
export const secrecyRecordInput = z.object({
  reviewer: z
    .string({ error: '请填写保密审查人' })
    .trim()
    .min(1, { error: '请填写保密审查人' })
    .max(MAX_SECRECY_REVIEWER_CHARS, { error: `审查人不能超过${MAX_SECRECY_REVIEWER_CHARS}字` }),
  reviewedOn: z
    .string({ error: '请填写审查日期' })
    .trim()
    .refine(isCalendarDate, { error: '审查日期应为有效的日期（年-月-日）' })
    // Checked again by the service with the server's clock and against the approval date.
    .refine((d) => !isCalendarDate(d) || d <= chinaToday(), { error: '审查日期不能晚于今天' }),
  conclusion: z
    .string({ error: '请填写审查结论' })
    .trim()
    .min(1, { error: '请填写审查结论' })
    .max(MAX_SECRECY_CONCLUSION_CHARS, { error: `审查结论不能超过${MAX_SECRECY_CONCLUSION_CHARS}字` }),
})

export type SecrecyRecordInput = z.input<typeof secrecyRecordInput>
export type SecrecyRecord = z.output<typeof secrecyRecordInput>

export const correctionNoteInput = z
  .string({ error: '更正说明应为文本' })
  .trim()
  .max(MAX_CORRECTION_NOTE_CHARS, { error: `更正说明不能超过${MAX_CORRECTION_NOTE_CHARS}字` })

/** The publish dialog's form: the secrecy record, and the 更正说明 when this is a correction. */
export const publishForm = z.object({
  secrecy: secrecyRecordInput,
  correctionNote: correctionNoteInput.optional(),
})
export type PublishFormInput = z.input<typeof publishForm>

/** The portal's copy: the saved page or its download, at most this large. */
export const MAX_PORTAL_COPY_BYTES = 10 * 1024 * 1024
/** What the portal-copy check reads: the saved page, or the PDF / Word download. */
export const PORTAL_COPY_EXTENSIONS = ['.html', '.htm', '.pdf', '.docx', '.doc', '.wps'] as const

/** POST /api/reports/:id/portal-copy: the file, its bytes as base64 (bodies are JSON: decision 0080). */
export const portalCopyInput = z.object({
  fileName: z.string({ error: '缺少文件名' }).min(1, { error: '缺少文件名' }).max(255, { error: '文件名过长' }),
  data: z
    .string({ error: '缺少文件内容，请重新选择文件' })
    .max(Math.ceil((MAX_PORTAL_COPY_BYTES * 4) / 3) + 4, {
      error: `文件超过${MAX_PORTAL_COPY_BYTES / 1024 / 1024}MB，未上传。门户网站上的年报网页或文件通常不到几MB，请确认选择的是年报。`,
    })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容编码有误，请重新选择文件' }),
})
export type PortalCopyInput = z.input<typeof portalCopyInput>
