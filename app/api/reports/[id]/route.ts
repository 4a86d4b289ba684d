import { badRequest, handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { getReport } from '@/lib/services/report-read'
import { notFound } from '@/lib/services/errors'
import { saveReport } from '@/lib/services/report-save'

type Context = { params: Promise<{ id: string }> }

export async function GET(_request: Request, { params }: Context) {
  return handle(async () => {
    const { id } = await params
    await apiReportAccess(id, 'report.read')
    const report = await getReport(id)
    if (!report) throw notFound()
    return Response.json(report)
  })
}

/** Body: {baseVersion, report} → {version, updatedAt, status}. */
export async function PUT(request: Request, { params }: Context) {
  return handle(async () => {
    const { id } = await params
    const { user } = await apiReportAccess(id, 'report.edit')
    const body = await readJson(request)
    if (!isObject(body) || !('report' in body)) badRequest('请求应包含 baseVersion 和 report，请刷新页面后重试')
    return Response.json(await saveReport(id, body.baseVersion as number, body.report, user.id))
  })
}
