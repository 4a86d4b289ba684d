import '../imports.css'
import { notFound } from 'next/navigation'
import { ImportBatch } from '@/components/import/import-batch'
import { requireUser } from '@/lib/auth/guards'
import { batchView } from '@/lib/services/document-import'
import { ServiceError } from '@/lib/services/errors'

export const dynamic = 'force-dynamic'

/** A batch: progress while its files are read, then the table of agencies × findings. */
export default async function ImportBatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await requireUser(`/imports/${id}`)
  const view = await batchView(user, id).catch((e) => {
    if (e instanceof ServiceError && e.status === 404) notFound()
    throw e
  })
  return (
    <main className="page import-page">
      <p>
        <a href="/imports/new">← 继续导入</a>
      </p>
      <h1>{view.purpose === 'history' ? '导入上年度年报' : '导入已发布的年报'}：核对结果</h1>
      <p className="hint">点击机关名称，并排查看原文和识别出的表格，再决定是否保存。</p>
      <ImportBatch initial={view} />
    </main>
  )
}
