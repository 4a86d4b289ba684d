/**
 * The open-data index routes (decision 0320): /gk/{gov}/{year}/index.json and index.csv answer
 * the same index, told apart only by how it is written and what it is sent as (a refusal too).
 */
import 'server-only'
import { ownOrigin } from '@/app/api/_lib/same-origin'
import type { OpenDataIndex } from '@/lib/open-data/index-table'
import { type PublicAnswerOptions, type PublicMiss, publicAnswer, publicRoute } from '@/lib/open-data/public-answer'
import { openDataIndex } from '@/lib/services/open-data'

type IndexParams = { params: Promise<{ gov: string; year: string }> }

export function indexRoute(
  write: (index: OpenDataIndex) => string,
  answer: (index: OpenDataIndex) => PublicAnswerOptions,
  miss: PublicMiss,
): (request: Request, context: IndexParams) => Promise<Response> {
  // The bytes of an index, kept while the service hands out the same index (nothing in it changed).
  const bodies = new WeakMap<OpenDataIndex, string>()
  return (request, { params }) =>
    publicRoute(request, miss, async () => {
      const { gov, year } = await params
      const index = await openDataIndex(gov, year, ownOrigin(request))
      let body = bodies.get(index)
      if (body === undefined) {
        body = write(index)
        bodies.set(index, body)
      }
      return publicAnswer(request, body, answer(index))
    })
}
