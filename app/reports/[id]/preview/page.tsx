import { notFound } from 'next/navigation'
import { requireReportAccess } from '@/lib/auth/guards'
import { previewQuery } from '@/lib/requests/pages'
import { getReport } from '@/lib/services/report-read'
import { workflowView } from '@/lib/services/workflow-view'

export const dynamic = 'force-dynamic'

/**
 * The HTML export as the portal will show it. It is framed from its own URL in a sandbox (no
 * scripts, no same-origin), so nothing in a report's text can act in the app.
 */
export default async function PreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, unknown>>
}) {
  const { id } = await params
  await requireReportAccess(id, 'report.read', `/reports/${id}/preview`)
  const [stored, workflow] = await Promise.all([getReport(id), workflowView(id, [])])
  if (!stored || !workflow) notFound()
  const query = new URLSearchParams()
  const { fonts, signature } = previewQuery.parse(await searchParams)
  if (fonts === 'stock') query.set('fonts', 'stock')
  if (signature) query.set('signature', signature)
  const download = `/api/reports/${id}/html${query.size ? `?${query}` : ''}`
  query.set('inline', '1')
  return (
    <main>
      <div className="preview-bar">
        <a href={`/reports/${id}`}>← 返回编辑</a>
        <strong>
          {stored.report.agency.name}
          {stored.report.year}年度报告 · 网页版预览
        </strong>
        {/* The preview shows what downloads: the latest approved version, else the marked draft. */}
        {workflow.frozen ? (
          <span className="status status-approved">第{workflow.frozen.number}版</span>
        ) : (
          <span className="status">草稿</span>
        )}
        <a className="button" href={download}>
          下载网页（.html）
        </a>
        <a className="button" href={`/api/reports/${id}/docx${fonts === 'stock' ? '?fonts=stock' : ''}`}>
          下载 Word（.docx）
        </a>
      </div>
      <iframe className="preview-frame" title="网页版预览" sandbox="" src={`/api/reports/${id}/html?${query}`} />
    </main>
  )
}
