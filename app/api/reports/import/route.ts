import { route } from '@/app/api/_lib/api-route'
import { MAX_UPLOAD_BYTES } from '@/app/api/_lib/respond'
import { apiAgencyAccess, apiUser } from '@/lib/auth/guards'
import { reportTarget } from '@/lib/auth/permissions'
import { importInput, importQuery } from '@/lib/requests/reports'
import { ServiceError } from '@/lib/services/errors'
import { importReport } from '@/lib/services/report-import'

/**
 * Body: {file: the file's text (JSON, as exported)} → 201 {id, notices}. The report goes to the
 * officer's agency (?agencyId= when there are several), never to the agency the file names.
 * `?as=history` keeps it as the agency's history (导入上年度年报), read-only.
 * The agency is checked before the file is read. The file is bounded before it is parsed:
 * 20 MB, read while streaming, and a nesting-depth scan before JSON.parse; both are linear in
 * its size, so parsing an upload has a time limit by construction.
 */
export const POST = route(
  {
    query: importQuery,
    body: importInput,
    maxBodyBytes: MAX_UPLOAD_BYTES,
    access: async ({ query }) => {
      const user = await apiUser()
      const target = reportTarget(user, query.agencyId || null)
      if ('refusal' in target) throw new ServiceError(403, 'forbidden', target.refusal)
      await apiAgencyAccess(target.agencyId, 'report.import')
      return { user, agencyId: target.agencyId }
    },
  },
  async ({ body, query, access }) => {
    const { report, notices } = await importReport(body.file, {
      agencyId: access.agencyId,
      actor: access.user.id,
      ...(query.as === 'history' ? { kind: 'history' as const } : {}),
    })
    return Response.json({ id: report.id, notices }, { status: 201 })
  },
)
