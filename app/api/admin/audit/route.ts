import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { auditQuery } from '@/lib/requests/audit'
import { chinaToday } from '@/lib/workflow/deadlines'
import { AUDIT_EXPORT_MAX, auditCsv, listAudit } from '@/lib/services/audit'

/**
 * Administrators: the audit trail of sign-ins, password changes and administration, newest first.
 * `?format=csv` downloads all of it (UTF-8 with BOM); JSON pages by `?before=`.
 */
export const GET = route({ query: auditQuery, access: () => apiGlobal('user.manage') }, async ({ query }) => {
  const before = query.before ? new Date(query.before) : undefined
  if (query.format === 'csv') {
    const csv = auditCsv(await listAudit({ limit: AUDIT_EXPORT_MAX, before }))
    // The day in Beijing, as every time in the file.
    const day = chinaToday()
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-${day}.csv"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97-${day}.csv`,
        'cache-control': 'no-store',
      },
    })
  }
  return Response.json({ events: await listAudit({ before }) }, { headers: { 'cache-control': 'no-store' } })
})
