/**
 * The board's 年报专栏 card (decision 0320): reads the column and our origin on the server and
 * hands the fragment to the copy box.
 */
import { columnFragment } from '@/lib/open-data/column-html'
import { publicPaths } from '@/lib/open-data/addresses'
import { pageOrigin } from '@/lib/open-data/page-origin'
import { publicColumnById } from '@/lib/services/open-data'
import { PortalEmbedBox } from './portal-embed-box'

export async function PortalEmbed({
  governmentId,
  portalOrigin,
  year,
}: {
  governmentId: string
  portalOrigin: string | null
  year: number
}) {
  const column = await publicColumnById(governmentId)
  if (!column) return null
  const origin = await pageOrigin()
  const paths = publicPaths(column.government.code, year)
  return (
    <details className="card" id="portal-embed">
      <summary>年报专栏：嵌入门户网站与开放数据</summary>
      <PortalEmbedBox
        governmentId={governmentId}
        portalOrigin={portalOrigin}
        fragment={columnFragment(column.government, column.years, origin)}
        embedUrl={origin + paths.embed}
        columnUrl={origin + paths.column}
        indexJsonUrl={origin + paths.indexJson}
        indexCsvUrl={origin + paths.indexCsv}
        year={year}
      />
    </details>
  )
}
