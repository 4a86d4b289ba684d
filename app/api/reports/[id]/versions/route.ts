import { handle } from '@/app/api/_lib/respond'
import { apiReportAccess } from '@/lib/auth/guards'
import { compareVersions, listVersions } from '@/lib/services/versions'

/** {versions}; with ?a=1&b=2 (or b=working) also {compare: {a, b, diff}}. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params
    await apiReportAccess(id, 'report.read')
    const query = new URL(request.url).searchParams
    const [a, b] = [query.get('a'), query.get('b')]
    return Response.json({
      versions: await listVersions(id),
      ...(a && b ? { compare: await compareVersions(id, a, b) } : {}),
    })
  })
}
