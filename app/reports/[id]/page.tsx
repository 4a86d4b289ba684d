import { notFound } from 'next/navigation'
import { ReportEditor } from '@/components/editor/report-editor'
import { requireReportAccess } from '@/lib/auth/guards'
import { rolesOn } from '@/lib/auth/permissions'
import { pdfUnavailableReason } from '@/lib/export/pdf'
import { editorQuery } from '@/lib/requests/pages'
import { getReport } from '@/lib/services/report-read'
import { listComments } from '@/lib/services/comments'
import { previousReportOf } from '@/lib/services/report-previous'
import { workflowView } from '@/lib/services/workflow-view'

export const dynamic = 'force-dynamic'

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, unknown>>
}) {
  const { id } = await params
  const { section } = editorQuery.parse(await searchParams)
  const { user, agencyId } = await requireReportAccess(id, 'report.read')
  const roles = rolesOn(user, agencyId)
  const [stored, workflow, comments, previous] = await Promise.all([
    getReport(id),
    workflowView(id, roles, user.id),
    listComments(id),
    previousReportOf(id),
  ])
  if (!stored || !workflow) notFound()
  return (
    <ReportEditor
      key={`${stored.id}:${stored.version}:${workflow.status}`}
      reportId={stored.id}
      version={stored.version}
      status={stored.status}
      updatedAt={stored.updatedAt}
      report={stored.report}
      initialSection={section}
      workflow={workflow}
      comments={comments}
      roles={roles}
      agencyId={agencyId}
      previous={previous}
      pdfUnavailable={pdfUnavailableReason()}
    />
  )
}
