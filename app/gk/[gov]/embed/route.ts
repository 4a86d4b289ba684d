/**
 * The government's column for framing by its portal (decision 0320): script-free HTML, framed
 * only by GovernmentSetting.portalOrigin (frame-ancestors), by nothing when none is set. The one
 * address under the app that may be framed by another origin: next.config.js and proxy.ts leave
 * it out of their frame-ancestors 'none'.
 */
import { ownOrigin } from '@/app/api/_lib/same-origin'
import { embedPage } from '@/lib/open-data/column-html'
import { embedMiss, publicAnswer, publicRoute } from '@/lib/open-data/public-answer'
import { publicColumn } from '@/lib/services/open-data'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ gov: string }> }) {
  return publicRoute(request, embedMiss, async () => {
    const { gov } = await params
    const column = await publicColumn(gov)
    return publicAnswer(request, embedPage(column.government, column.years, ownOrigin(request)), {
      contentType: 'text/html; charset=utf-8',
      frameAncestor: column.government.portalOrigin,
    })
  })
}
