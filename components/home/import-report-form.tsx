'use client'
import { useState } from 'react'
import { importReport } from '@/lib/api-client'
import { readReportFile } from '@/lib/files/read-report-file'
import { FilePicker } from '@/components/file-picker'

/**
 * Imports a report JSON file (the interchange shape) as a new draft of one of the officer's
 * agencies, whatever agency the file names (the server says so in a notice).
 */
export function ImportReportForm({ agencies }: { agencies: { id: string; name: string }[] }) {
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? '')
  const [message, setMessage] = useState<{
    kind: 'error' | 'ok'
    text: string
    notices?: string[]
    id?: string
  } | null>(null)
  const [busy, setBusy] = useState(false)

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setMessage(null)
    setBusy(true)
    try {
      const read = await readReportFile(file)
      if (!read.ok) {
        setMessage({ kind: 'error', text: read.message })
        return
      }
      const result = await importReport(agencyId, read.text)
      if (result.ok) {
        const { id, notices = [] } = result.data
        setMessage({ kind: 'ok', text: '导入成功。', notices, id })
        if (!notices.length) window.location.href = `/reports/${id}`
      } else {
        const fields = Object.entries(result.error.fields).slice(0, 5)
        setMessage({
          kind: 'error',
          text: result.error.message,
          notices: fields.map(([path, m]) => `${path}：${m}`),
        })
      }
    } catch {
      setMessage({ kind: 'error', text: '导入未能完成，请检查网络后重试。' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-label="导入年报">
      <h2>导入年报 JSON</h2>
      {agencies.length > 1 ? (
        <label>
          <span>导入到</span>
          <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="hint">导入为{agencies[0]?.name}的年报。</p>
      )}
      <FilePicker label="选择文件" accept=".json,application/json" disabled={busy} onFiles={([file]) => onFile(file)} />
      {message ? (
        <div
          className={message.kind === 'error' ? 'field-error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{message.text}</p>
          {message.notices?.length ? (
            <ul>
              {message.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          {message.id ? <a href={`/reports/${message.id}`}>打开导入的年报 →</a> : null}
        </div>
      ) : null}
    </section>
  )
}
