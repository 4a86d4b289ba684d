import { notFound } from 'next/navigation'
import { ReportEditor } from '@/components/editor/report-editor'
import { getReport } from '@/lib/services/reports'

export const dynamic = 'force-dynamic'

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ section?: string }>
}) {
  const { id } = await params
  const { section } = await searchParams
  const stored = await getReport(id)
  if (!stored) notFound()
  return (
    <ReportEditor
      key={`${stored.id}:${stored.version}`}
      reportId={stored.id}
      version={stored.version}
      status={stored.status}
      updatedAt={stored.updatedAt}
      report={stored.report}
      initialSection={section}
    />
  )
}
