import { handle } from '@/app/api/_lib/respond'
import { exportReport } from '@/lib/services/reports'

/** The stored report as an interchange JSON download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { json, contentDisposition } = await exportReport((await params).id)
    return new Response(json, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': contentDisposition,
        'cache-control': 'no-store',
      },
    })
  })
}
