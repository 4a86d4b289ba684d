/** Open data: the index of a government's year as CSV, UTF-8 with a byte-order mark (decision 0320). No session. */
import { ownOrigin } from '@/app/api/_lib/same-origin'
import { indexCsv, type OpenDataIndex } from '@/lib/open-data/index-table'
import { publicAnswer, publicRoute } from '@/lib/open-data/public-answer'
import { openDataIndex } from '@/lib/services/open-data'

export const dynamic = 'force-dynamic'

/** The bytes of an index, kept while the service hands out the same index (nothing in it changed). */
const bodies = new WeakMap<OpenDataIndex, string>()

export async function GET(request: Request, { params }: { params: Promise<{ gov: string; year: string }> }) {
  return publicRoute(async () => {
    const { gov, year } = await params
    const index = await openDataIndex(gov, year, ownOrigin(request))
    let body = bodies.get(index)
    if (body === undefined) {
      body = indexCsv(index)
      bodies.set(index, body)
    }
    return publicAnswer(request, body, {
      contentType: 'text/csv; charset=utf-8; header=present',
      anyOrigin: true,
      fileName: `${index.government.code}-${index.year}-index.csv`,
    })
  })
}
