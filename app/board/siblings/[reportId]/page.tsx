import { forbidden, notFound } from 'next/navigation'
import { requireUser } from '@/lib/auth/guards'
import { boardGovernments } from '@/lib/services/board'
import { ServiceError } from '@/lib/services/errors'
import { reportSiblings } from '@/lib/services/sibling-similarity'

export const dynamic = 'force-dynamic'

/**
 * One report's paragraphs that repeat a sibling agency's report of the same year (L12 on the
 * board, decision 0420): each quoted beside the sibling's paragraph, with a link to that report.
 * For the 政务公开办 (and administrators) only: it quotes other agencies' text.
 */
export default async function ReportSiblingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ reportId: string }>
  searchParams: Promise<{ gov?: string | string[] }>
}) {
  const { reportId } = await params
  const user = await requireUser(`/board/siblings/${encodeURIComponent(reportId)}`)
  const gov = (await searchParams).gov
  const governments = await boardGovernments(user)
  if (governments.length === 0) forbidden()
  const government = governments.find((g) => g.id === gov) ?? governments[0]
  const view = await reportSiblings(user, government.id, reportId).catch((e) => {
    if (e instanceof ServiceError) notFound()
    throw e
  })
  const { summary, matches } = view
  return (
    <main className="page sibling-repeats">
      <h1>
        同级雷同 · {summary.agencyName} · {view.year} 年度
      </h1>
      <p className="hint">
        与{view.government.name}本年度其他 {view.reports - 1} 份年报逐段比较（
        <a href="/rules#rule-2021-L12">规则 L12</a>，与上年比较的 L10 方法相同）。
      </p>
      <p className={summary.above ? 'sibling-summary bad' : 'sibling-summary'} data-testid="sibling-summary">
        {summary.above ? '⚠ ' : ''}正文与同级机关年报重复{' '}
        <strong data-share={summary.percent}>{summary.percent}%</strong>（{summary.repeated} 段）
        {summary.above ? '，超过50%' : ''}。
      </p>
      <p>
        <a href={`/reports/${summary.reportId}`}>打开本年报</a>{' '}
        <a href={`/board?gov=${encodeURIComponent(view.government.id)}&year=${view.year}`}>返回填报进度</a>
      </p>
      {matches.length === 0 ? (
        <p>没有与同级机关年报相同或几乎相同的段落。</p>
      ) : (
        <ol className="sibling-list" data-testid="sibling-matches">
          {matches.map((m) => (
            <li
              key={`${m.section}.${m.paragraph}`}
              className="sibling-match card"
              data-paragraph={`${m.section}.${m.paragraph}`}
              data-other={m.otherAgencyName}
            >
              <div className="sibling-side">
                <h2>
                  本年报 · {m.sectionHeading}第{m.paragraph}段
                </h2>
                <blockquote className="sibling-quote">{m.quote}</blockquote>
              </div>
              <div className="sibling-side">
                <h2>
                  <a href={`/reports/${m.otherReportId}`}>{m.otherAgencyName}</a> · {m.otherSectionHeading}第
                  {m.otherParagraph}段
                </h2>
                <blockquote className="sibling-quote">{m.otherQuote}</blockquote>
              </div>
              <p className="sibling-verdict">
                {m.identical ? '相同' : `几乎相同（相似度${Math.floor(m.similarity * 100)}%）`}
                {m.alsoIn > 0 ? `；另有${m.alsoIn}份年报也相同或几乎相同` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </main>
  )
}
