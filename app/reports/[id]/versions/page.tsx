import { notFound } from 'next/navigation'
import { ReportSubnav } from '@/components/workflow/report-subnav'
import { requireReportAccess } from '@/lib/auth/guards'
import { formatFor } from '@/lib/format/index'
import { versionsPageQuery } from '@/lib/requests/pages'
import { getReport } from '@/lib/services/report-read'
import { compareVersions, listSubmissions, listVersions } from '@/lib/services/versions'
import { chinaDateTime } from '@/lib/china-time'

export const dynamic = 'force-dynamic'

const time = chinaDateTime

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '（空白）' : String(v))

/** The frozen versions with who approved and published them, and a side-by-side comparison. */
export default async function VersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, unknown>>
}) {
  const { id } = await params
  await requireReportAccess(id, 'report.read', `/reports/${id}/versions`)
  const stored = await getReport(id)
  if (!stored) notFound()
  const format = formatFor(stored.report.formatVersion)
  const [versions, submissions] = await Promise.all([listVersions(id), listSubmissions(id)])
  // Submissions (s1, s2, …) compare too: a reviewer reads a resubmission against the previous one.
  const choices = [...versions, ...submissions]
  const keys = choices.map((v) => v.key)
  const { a: qa, b: qb } = versionsPageQuery.parse(await searchParams)
  const a = qa && keys.includes(qa) ? qa : versions.at(-2)?.key
  const b = qb && keys.includes(qb) ? qb : versions.at(-1)?.key
  const compared = a && b && a !== b ? await compareVersions(id, a, b) : null
  const title = `${stored.report.agency.name}${stored.report.year}年${format?.title ?? ''}`
  return (
    <main className="page">
      <ReportSubnav reportId={id} title={title} active="versions" />
      <h1>版本</h1>
      {versions.length === 0 ? (
        <p className="hint">还没有审核通过的版本。审核通过时，年报内容冻结为第1版；此后的更正开启新版本。</p>
      ) : (
        <table className="list-table stack-table versions-table">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">审核通过</th>
              <th scope="col">发布</th>
              <th scope="col">下载</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.key} data-version={v.key}>
                <td data-label="版本">{v.label}</td>
                <td data-label="状态">
                  {v.state}
                  {v.note ? <small className="muted"> {v.note}</small> : null}
                </td>
                <td data-label="审核通过">{v.approvedAt ? `${v.approvedBy ?? ''} ${time(v.approvedAt)}` : ''}</td>
                <td data-label="发布">
                  {v.publishedAt ? `${v.publishedBy ?? ''} ${time(v.publishedAt)}` : ''}
                  {v.secrecy ? (
                    <small className="muted publication-record" data-testid="secrecy-record">
                      <br />
                      保密审查：{v.secrecy.reviewer}，{v.secrecy.reviewedOn}；{v.secrecy.conclusion}
                    </small>
                  ) : null}
                  {v.correctionNote ? (
                    <small className="muted publication-record" data-testid="correction-note">
                      <br />
                      更正说明：{v.correctionNote}
                    </small>
                  ) : null}
                  {v.withdrawn ? (
                    <small className="publication-record withdrawn" data-testid="withdrawn-record">
                      <br />
                      {v.withdrawn.by ?? ''} {time(v.withdrawn.at)} 撤回发布：{v.withdrawn.reason}
                    </small>
                  ) : null}
                </td>
                <td className="downloads" data-label="下载">
                  {v.key === 'working' ? (
                    <a href={`/api/reports/${id}/docx?source=working`}>Word（草稿）</a>
                  ) : (
                    <>
                      <a href={`/api/reports/${id}/docx?version=${v.key}`}>Word</a>{' '}
                      <a href={`/api/reports/${id}/html?version=${v.key}`}>网页</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {choices.length >= 2 ? (
        <form className="compare-form" method="get">
          <span>比较</span>
          <select name="a" defaultValue={a} aria-label="较早的版本">
            {choices.map((v) => (
              <option key={v.key} value={v.key}>
                {v.label}
              </option>
            ))}
          </select>
          <span>与</span>
          <select name="b" defaultValue={b} aria-label="较新的版本">
            {choices.map((v) => (
              <option key={v.key} value={v.key}>
                {v.label}
              </option>
            ))}
          </select>
          <button type="submit">比较</button>
        </form>
      ) : null}
      {compared ? (
        <section className="compare" id="compare" aria-label="版本比较">
          <h2>
            {compared.a} → {compared.b}
          </h2>
          {compared.diff.same ? <p className="hint">两个版本内容相同。</p> : null}
          {compared.diff.cells.length ? (
            <>
              <h3>改动的单元格（{compared.diff.cells.length}）</h3>
              <table className="list-table compare-cells">
                <thead>
                  <tr>
                    <th scope="col">部分</th>
                    <th scope="col">单元格</th>
                    <th scope="col">{compared.a}</th>
                    <th scope="col">{compared.b}</th>
                  </tr>
                </thead>
                <tbody>
                  {compared.diff.cells.map((c) => (
                    <tr key={c.path} data-path={c.path}>
                      <td>{format?.sections.find((s) => s.key === c.sectionKey)?.heading}</td>
                      <td>{c.label}</td>
                      <td className="num diff-before">{show(c.before)}</td>
                      <td className="num diff-after">{show(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {compared.diff.narratives.map((n) => (
            <div key={n.sectionKey} className="compare-narrative">
              <h3>{n.heading}（正文）</h3>
              <table className="side-by-side">
                <thead>
                  <tr>
                    <th scope="col">{compared.a}</th>
                    <th scope="col">{compared.b}</th>
                  </tr>
                </thead>
                <tbody>
                  {n.rows.map((r, i) => (
                    <tr key={i} className={`para-${r.kind}`}>
                      <td>{r.before ?? ''}</td>
                      <td>{r.after ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {compared.diff.explanations.length ? (
            <>
              <h3>情况说明</h3>
              <table className="side-by-side">
                <tbody>
                  {compared.diff.explanations.map((e) => (
                    <tr key={e.ruleId} className="para-changed">
                      <td>{e.before ?? ''}</td>
                      <td>{e.after ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </section>
      ) : null}
    </main>
  )
}
