/** Open data: the index of a government's year as JSON (decision 0320). No session. */
import { ownOrigin } from '@/app/api/_lib/same-origin'
import type { OpenDataIndex } from '@/lib/open-data/index-table'
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
      body = JSON.stringify(index)
      bodies.set(index, body)
    }
    return publicAnswer(request, body, {
      contentType: 'application/json; charset=utf-8',
      anyOrigin: true,
    })
  })
}
