import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { exportReport } from '@/lib/services/report-export'

/** The stored report as an interchange JSON download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    await apiReportAccess(id, 'report.export')
    const { json, contentDisposition } = await exportReport(id)
    return new Response(json, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': contentDisposition,
        'cache-control': 'no-store',
      },
    })
  })
}
