/** Open data: the index of a government's year as CSV, UTF-8 with a byte-order mark (decision 0320). No session. */
import { indexRoute } from '@/app/gk/_lib/index-route'
import { indexCsv } from '@/lib/open-data/index-table'
import { csvMiss } from '@/lib/open-data/public-answer'

export const dynamic = 'force-dynamic'

export const GET = indexRoute(
  indexCsv,
  (index) => ({
    contentType: 'text/csv; charset=utf-8; header=present',
    anyOrigin: true,
    fileName: `${index.government.code}-${index.year}-index.csv`,
  }),
  csvMiss,
)
