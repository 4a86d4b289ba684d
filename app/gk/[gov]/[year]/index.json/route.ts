/** Open data: the index of a government's year as JSON (decision 0320). No session. */
import { indexRoute } from '@/app/gk/_lib/index-route'
import { jsonMiss } from '@/lib/open-data/public-answer'

export const dynamic = 'force-dynamic'

export const GET = indexRoute(
  JSON.stringify,
  () => ({ contentType: 'application/json; charset=utf-8', anyOrigin: true }),
  jsonMiss,
)
