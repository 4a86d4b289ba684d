'use client'
import { useEffect, useRef, useState } from 'react'
import { decideImportItem, readNextImport } from '@/lib/api-client'
import type { ImportBatchView, ImportItemRow } from '@/lib/services/document-import'

const STATUS: Record<ImportItemRow['status'], string> = {
  pending: '等待读取',
  read: '已读取',
  failed: '无法读取',
  saved: '已导入',
  closed: '已核对（未保存）',
}

/** Findings shown in a row before “等N项”. */
const SHOWN_FINDINGS = 3

/**
 * A batch: reads its waiting files one request at a time (any instance may serve each, the
 * progress is the rows), then the table of agencies × findings, each row opening the
 * side-by-side view. A batch of one file goes straight to its view once read.
 */
export function ImportBatch({ initial }: { initial: ImportBatchView }) {
  const [view, setView] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const started = useRef(false)
  const pending = view.items.filter((i) => i.status === 'pending').length

  const [round, setRound] = useState(0)
  const [retrying, setRetrying] = useState<string | null>(null)

  // 重新读取: the abandoned item goes back to the queue, and the reading loop runs again.
  const retry = async (itemId: string) => {
    setRetrying(itemId)
    setError(null)
    const result = await decideImportItem(view.id, itemId, 'retry')
    setRetrying(null)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    setView((v) => ({
      ...v,
      items: v.items.map((i) => (i.id === itemId ? { ...i, status: 'pending', error: null, retry: false } : i)),
    }))
    started.current = false
    setRound((r) => r + 1)
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: round restarts the loop after 重新读取
  useEffect(() => {
    if (started.current) return
    started.current = true
    let stop = false
    const run = async () => {
      // After 重新读取 the page's view is stale: read at least once.
      let current: ImportBatchView | null = round === 0 ? initial : null
      while (!stop && (current === null || current.items.some((i) => i.status === 'pending'))) {
        const next = await readNextImport(initial.id)
        if (!next.ok) {
          setError(next.error.message)
          return
        }
        current = next.data
        setView(current)
      }
      if (!current) return
      const only = current.items.length === 1 ? current.items[0] : null
      if (!stop && only && only.status === 'read' && initial.items.some((i) => i.status === 'pending')) {
        window.location.href = `/imports/${current.id}/items/${only.id}`
      }
    }
    void run()
    return () => {
      stop = true
    }
  }, [initial, round])

  const total = Math.max(view.expected, view.items.length)
  const percent = total ? Math.round((view.done / total) * 100) : 100
  return (
    <div className="import-batch">
      <div className="import-progress" role="status" aria-live="polite">
        <progress max={total} value={view.done} aria-label="读取进度" />
        <span>
          {pending ? `正在读取：已读 ${view.done} / ${total} 个文件（${percent}%）` : `已读取 ${view.done} 个文件`}
        </span>
        {!pending ? (
          <a className="button" href={`/api/imports/${view.id}/export`} download>
            导出核对结果（.xlsx）
          </a>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="list-table import-table">
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">年度</th>
            <th scope="col">文件</th>
            <th scope="col">状态</th>
            <th scope="col">错误</th>
            <th scope="col">提示</th>
            <th scope="col">发现的问题</th>
          </tr>
        </thead>
        <tbody>
          {view.items.map((item) => (
            <tr key={item.id} data-status={item.status}>
              <td data-label="机关">
                {item.status === 'pending' || item.status === 'failed' ? (
                  (item.agencyName ?? '—')
                ) : (
                  <a href={`/imports/${view.id}/items/${item.id}`}>{item.agencyName || '（未识别机关）'}</a>
                )}
              </td>
              <td data-label="年度" className="num">
                {item.year ?? ''}
              </td>
              <td data-label="文件" className="import-file">
                {item.fileName}
              </td>
              <td data-label="状态">
                {item.reportId ? <a href={`/reports/${item.reportId}`}>{STATUS[item.status]}</a> : STATUS[item.status]}
              </td>
              <td data-label="错误" className={item.errorCount ? 'num bad' : 'num'}>
                {item.status === 'pending' || item.status === 'failed' ? '' : item.errorCount}
              </td>
              <td data-label="提示" className="num">
                {item.status === 'pending' || item.status === 'failed' ? '' : item.warningCount}
              </td>
              <td data-label="发现的问题">
                {item.error ? (
                  <>
                    <span className="field-error">{item.error}</span>
                    {item.retry ? (
                      <button type="button" disabled={retrying !== null} onClick={() => retry(item.id)}>
                        重新读取
                      </button>
                    ) : null}
                  </>
                ) : item.findings.length ? (
                  <ul className="import-findings">
                    {item.findings.slice(0, SHOWN_FINDINGS).map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                    {item.findings.length > SHOWN_FINDINGS ? <li>等{item.findings.length}项</li> : null}
                  </ul>
                ) : item.status === 'pending' ? (
                  ''
                ) : (
                  '未发现问题'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
