'use client'
import { useState } from 'react'
import { importHistoryReport } from '@/lib/api-client'

const MAX_FILE_BYTES = 5 * 1024 * 1024

/**
 * Which report of the year before the cross-year rules read, or, without one, a way to bring it
 * in: last year's report JSON imported as history of the agency (read-only), then the page
 * reloads so that prefill-independent checks (X1, P1, …) run against it.
 */
export function PreviousReportNote({
  year,
  previousYear,
  agencyId,
  mayImport,
}: {
  year: number
  previousYear: number | null
  agencyId: string | null
  mayImport: boolean
}) {
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  if (previousYear !== null) {
    return (
      <p className="hint previous-report" data-testid="previous-report">
        已与本机关{previousYear}
        年度年报衔接核对（上年结转、现行有效件数等跨年度规则）。左侧带蓝线的单元格取自上年度年报的结转数，改动须说明理由。
      </p>
    )
  }

  const onFile = async (file: File | undefined) => {
    if (!file || !agencyId) return
    setMessage(null)
    if (file.size > MAX_FILE_BYTES) {
      setMessage({ kind: 'error', text: '文件过大，年报 JSON 文件不应超过 5 MB。' })
      return
    }
    setBusy(true)
    try {
      const text = await file.text()
      let fileYear: unknown = null
      try {
        fileYear = (JSON.parse(text) as { year?: unknown }).year
      } catch {
        // The server says what is wrong with a file that is not JSON.
      }
      if (typeof fileYear === 'number' && fileYear !== year - 1) {
        setMessage({ kind: 'error', text: `所选文件是${fileYear}年度的年报，应导入${year - 1}年度的年报。` })
        return
      }
      const result = await importHistoryReport(agencyId, text)
      if (result.ok) {
        setMessage({ kind: 'ok', text: '已导入上年度年报，正在重新核对…' })
        window.location.reload()
      } else {
        const field = Object.values(result.error.fields)[0]
        setMessage({ kind: 'error', text: field ? `${result.error.message}（${field}）` : result.error.message })
      }
    } catch {
      setMessage({ kind: 'error', text: '文件读取失败，请重新选择文件。' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="hint previous-report" data-testid="previous-report">
      <p>
        没有本机关{year - 1}年度的年报，跨年度衔接规则（上年结转等）暂不适用。
        {mayImport ? '如上年度年报不是在本系统填写的，可导入其 JSON 文件（仅作历史记录，不可修改）。' : ''}
      </p>
      {mayImport && agencyId ? (
        <p>
          <a
            href={`/imports/new?as=history&agencyId=${encodeURIComponent(agencyId)}&year=${year - 1}`}
            data-testid="import-published-previous"
          >
            导入已发布的上年度年报（网页、Word、PDF 或表格）
          </a>
        </p>
      ) : null}
      {mayImport && agencyId ? (
        <label>
          <span>导入上年度年报</span>
          <input
            type="file"
            accept=".json,application/json"
            disabled={busy}
            onChange={(e) => onFile(e.target.files?.[0])}
          />
        </label>
      ) : null}
      {message ? (
        <p
          className={message.kind === 'error' ? 'field-error' : 'ok'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  )
}
