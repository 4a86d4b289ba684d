/** Open data: the index of a government's year as JSON (decision 0320). No session. */
import { ownOrigin } from '@/app/api/_lib/same-origin'
import { publicAnswer, publicRoute } from '@/lib/open-data/public-answer'
import { openDataIndex } from '@/lib/services/open-data'

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ gov: string; year: string }> }) {
  return publicRoute(async () => {
    const { gov, year } = await params
    const index = await openDataIndex(gov, year, ownOrigin(request))
    return publicAnswer(request, JSON.stringify(index), {
      contentType: 'application/json; charset=utf-8',
      anyOrigin: true,
    })
  })
}
