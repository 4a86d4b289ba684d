/**
 * Inputs of the import routes (/api/imports…): a batch, its files (base64 in a JSON body, like
 * every body: decision 0080), the choice after the preview, the template's format.
 */
import { z } from 'zod'

const id = (missing: string) => z.string({ error: missing }).min(1, { error: missing }).max(100, { error: missing })

/** The largest file, in bytes; its base64 is a third longer. */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024
export const MAX_IMPORT_FILES = 200

/** /api/imports/:id */
export const importBatchParams = z.object({ id: id('导入记录不存在或已被删除') })
/** /api/imports/:id/items/:itemId */
export const importItemParams = importBatchParams.extend({ itemId: id('导入的文件不存在') })

/** POST /api/imports: agencyId null for a coordinator's audit-only batch. */
export const createImportInput = z.object({
  agencyId: z.string().max(100).nullable(),
  purpose: z.enum(['report', 'history']),
  expected: z
    .number()
    .int()
    .min(1, { error: '请选择要导入的文件' })
    .max(MAX_IMPORT_FILES, { error: `一次最多导入${MAX_IMPORT_FILES}个文件，请分批上传` }),
})
export type CreateImportInput = z.input<typeof createImportInput>

/** POST /api/imports/:id/files: one file, its bytes as base64. */
export const importFileInput = z.object({
  fileName: z.string().min(1, { error: '缺少文件名' }).max(255, { error: '文件名过长' }),
  data: z
    .string()
    .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4, {
      error: `文件超过${MAX_IMPORT_FILE_BYTES / 1024 / 1024}MB，未上传。`,
    })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容编码有误，请重新选择文件' }),
})
export type ImportFileInput = z.input<typeof importFileInput>

/** POST /api/imports/:id/items/:itemId */
export const importChoiceInput = z.object({
  choice: z.enum(['draft', 'history', 'close', 'into', 'retry']),
  /** With `into`: the draft whose tables 二/三/四 the document fills. */
  reportId: z.string().min(1).max(100).optional(),
  /** With `draft` or `history`, when the document's title gave no year: the year the officer names. */
  year: z
    .number({ error: '请填写年报所属年度（四位数字）。' })
    .int('请填写年报所属年度（四位数字）。')
    .min(2008, '年度不早于2008年。')
    .max(2100, '请填写年报所属年度（四位数字）。')
    .optional(),
})
export type ImportChoiceInput = z.input<typeof importChoiceInput>

/** GET /api/imports/template?format= */
export const templateQuery = z.object({ format: z.enum(['2021', '2019']).catch('2021') })
