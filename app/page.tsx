import { CreateReportForm } from '@/components/home/create-report-form'
import { ImportReportForm } from '@/components/home/import-report-form'
import { requireUser } from '@/lib/auth/guards'
import { officerAgencies, readScope } from '@/lib/auth/permissions'
import { homeListHtml } from '@/lib/home/home-page-html'
import { pageNumber } from '@/lib/requests/pages'
import { listReportPage } from '@/lib/services/report-lists'

export const dynamic = 'force-dynamic'

/** Rows per page: a coordinator of a big government has hundreds of agencies. */
const PAGE_SIZE = 50

/**
 * The home list. A user without an agency to write for gets this page as one string outside
 * Next's renderer (scripts/home-route.mjs, decision 0610); here it is rendered for an officer
 * (its forms are React components), a client navigation, and every server without that path.
 * The list's markup is the same string in both (homeListHtml).
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser('/')
  // Only the reports this user may read: their agencies, a coordinator's whole government, or all.
  // The page and the list's size in one statement, which walks a coordinator's tree itself.
  const list = await listReportPage(readScope(user, 'report.read'), {
    page: pageNumber.parse((await searchParams).page),
    pageSize: PAGE_SIZE,
  })
  const writesFor = officerAgencies(user)
  const importLink = !writesFor.length && (user.isAdmin || user.memberships.some((m) => m.role === 'coordinator'))
  return (
    <main className="home">
      <section
        className="home-list"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: our own markup, every text and attribute escaped (lib/home/home-page-html.ts, decision 0610)
        dangerouslySetInnerHTML={{
          __html: homeListHtml({ ...list, isAdmin: user.isAdmin, importLink, writes: writesFor.length > 0 }),
        }}
      />
      {writesFor.length ? (
        <aside className="home-actions">
          <CreateReportForm agencies={writesFor} />
          <ImportReportForm agencies={writesFor} />
          <section className="card" aria-label="导入已发布的年报">
            <h2>导入已发布的年报</h2>
            <p className="hint">网页、Word、PDF、Excel 表格模板或多个文件的压缩包：先核对，再决定是否保存。</p>
            <a className="button" href="/imports/new">
              导入已发布的年报
            </a>
          </section>
        </aside>
      ) : null}
    </main>
  )
}
