'use client'
/**
 * 打包下载 on the board (decision 0350): starts the job, then polls it (each poll builds the next
 * files on whichever instance answers) with the progress shown, and offers the .zip when built.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { startBulkDownload, stepBulkDownload } from '@/lib/api-client'
import type { BulkDownloadView } from '@/lib/services/bulk-download'

export function BulkDownload(props: { governmentId: string; year: number; initial: BulkDownloadView | null }) {
  const [job, setJob] = useState<BulkDownloadView | null>(props.initial)
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const running = useRef(false)

  const poll = useCallback(async (start: BulkDownloadView) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    let current = start
    try {
      while (current.status === 'building') {
        const answer = await stepBulkDownload(current.id)
        if (!answer.ok) {
          setNote(answer.error.message)
          return
        }
        current = answer.data
        setJob(current)
      }
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])

  // A job left building (the page was reloaded) carries on.
  useEffect(() => {
    if (props.initial?.status === 'building') void poll(props.initial)
  }, [props.initial, poll])

  async function start() {
    setNote(null)
    const answer = await startBulkDownload(props.governmentId, { year: props.year })
    if (!answer.ok) return setNote(answer.error.message)
    setJob(answer.data)
    await poll(answer.data)
  }

  return (
    <section className="card bulk-download" data-testid="bulk-download" aria-labelledby="bulk-download-title">
      <h2 id="bulk-download-title">打包下载</h2>
      <p className="hint">每份年报取最新的审核版本：Word（.docx）和网页（.html），已生成的 PDF 一并打包。</p>
      <button type="button" onClick={start} disabled={busy}>
        打包下载本年度已审核、已发布的年报（.zip）
      </button>
      {job ? (
        <p aria-live="polite">
          {job.status === 'building' ? (
            <>
              正在打包：
              <progress value={job.done} max={Math.max(1, job.total)} /> {job.done}/{job.total} 个文件
            </>
          ) : job.status === 'ready' ? (
            <>
              已打包 {job.total - job.failed.length} 个文件：
              <a href={`/api/downloads/${encodeURIComponent(job.id)}/zip`} download data-testid="bulk-zip">
                下载 {job.fileName}
              </a>
            </>
          ) : (
            <>打包失败。{job.error ?? ''}</>
          )}
        </p>
      ) : null}
      {job && job.failed.length > 0 ? (
        <ul className="muted">
          {job.failed.map((f) => (
            <li key={f.name}>
              {f.name}：{f.error}（未打包）
            </li>
          ))}
        </ul>
      ) : null}
      {note ? <p role="alert">{note}</p> : null}
    </section>
  )
}
