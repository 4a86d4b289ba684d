/** What the audit-log route accepts. */
import { z } from 'zod'

/** GET /api/admin/audit?format=csv&before=ISO-time */
export const auditQuery = z.object({
  format: z.enum(['json', 'csv'], { error: '格式应为 json 或 csv' }).optional(),
  before: z.iso.datetime({ error: '时间格式有误' }).optional(),
})
export type AuditQuery = z.input<typeof auditQuery>
