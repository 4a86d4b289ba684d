import { notFound } from 'next/navigation'
import { PortalCopyCheck } from '@/components/workflow/portal-copy-check'
import { ReportSubnav } from '@/components/workflow/report-subnav'
import { requireReportAccess } from '@/lib/auth/guards'
import { rolesOn } from '@/lib/auth/permissions'
import { chinaDateTime } from '@/lib/china-time'
import { formatFor } from '@/lib/format/index'
import { getReport } from '@/lib/services/report-read'
import { listVersions } from '@/lib/services/versions'
import { stateLabel } from '@/lib/workflow/workflow'

export const dynamic = 'force-dynamic'

/**
 * 发布记录 (decision 0310): each frozen version with its approval, 保密审查, publication, 更正说明
 * and 撤回; and the check of the portal's copy against the approved version.
 */
export default async function PublicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { user, agencyId } = await requireReportAccess(id, 'report.read', `/reports/${id}/publication`)
  const stored = await getReport(id)
  if (!stored) notFound()
  const format = formatFor(stored.report.formatVersion)
  const versions = (await listVersions(id)).filter((v) => v.key !== 'working')
  const mayCheck = rolesOn(user, agencyId).some((r) => r !== 'admin') && versions.length > 0
  const latest = versions.at(-1)
  return (
    <main className="page">
      <ReportSubnav
        reportId={id}
        title={`${stored.report.agency.name}${stored.report.year}年${format?.title ?? ''}`}
        active="publication"
      />
      <h1>发布记录</h1>
      <p className="hint">
        当前状态：<span className={`status status-${stored.status}`}>{stateLabel(stored.status)}</span>
      </p>
      {versions.length === 0 ? (
        <p className="hint">还没有审核通过的版本。审核通过后，由政务公开办记录保密审查并发布。</p>
      ) : (
        <table className="list-table stack-table publication-table" data-testid="publication-record">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">审核通过</th>
              <th scope="col">保密审查</th>
              <th scope="col">发布</th>
              <th scope="col">更正说明</th>
              <th scope="col">撤回</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.key} data-version={v.key}>
                <td>
                  {v.label}
                  <br />
                  <small className="muted">{v.state}</small>
                </td>
                <td data-label="审核通过">
                  {v.approvedBy ?? ''} {chinaDateTime(v.approvedAt)}
                </td>
                <td data-label="保密审查" data-testid="secrecy-record">
                  {v.secrecy ? (
                    <>
                      {v.secrecy.reviewer}，{v.secrecy.reviewedOn}
                      <br />
                      <small>{v.secrecy.conclusion}</small>
                    </>
                  ) : (
                    <span className="muted">未记录</span>
                  )}
                </td>
                <td data-label="发布">
                  {v.publishedAt ? `${v.publishedBy ?? ''} ${chinaDateTime(v.publishedAt)}` : ''}
                </td>
                <td data-label="更正说明" className="pre-line">
                  {v.correctionNote ?? ''}
                </td>
                <td data-label="撤回" data-testid="withdrawn-record">
                  {v.withdrawn ? (
                    <span className="publication-record withdrawn">
                      {v.withdrawn.by ?? ''} {chinaDateTime(v.withdrawn.at)}：{v.withdrawn.reason}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayCheck && latest ? (
        <section aria-labelledby="portal-copy-title" className="card">
          <h2 id="portal-copy-title">核对门户网站上的年报</h2>
          <p className="hint">
            上传门户网站上这份年报的页面（浏览器“另存为”的 .html）或其 PDF、Word 下载文件，与{latest.label}
            （审核通过的版本）逐项比对：表二、三、四的每个数字，正文各段（忽略空格和全角半角标点的差别），以及机关名称和年度。
          </p>
          <PortalCopyCheck reportId={id} versionLabel={latest.label} />
        </section>
      ) : null}
    </main>
  )
}
