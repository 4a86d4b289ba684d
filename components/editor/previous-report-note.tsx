'use client'
import { useState } from 'react'
import { importHistoryReport } from '@/lib/api-client'
import { readReportFile } from '@/lib/files/read-report-file'
import { FilePicker } from '@/components/file-picker'

/** Which report of last year the checks read (lib/services/report-previous.ts PreviousReportInfo). */
export interface PreviousSource {
  year: number
  agencyName?: string
  /** Found through the agency's predecessor (机构改革). */
  fromPredecessor?: boolean
}

/**
 * Which report of the year before the cross-year rules read, or, without one, a way to bring it
 * in: last year's report JSON imported as history of the agency (read-only), then the page
 * reloads so that prefill-independent checks (X1, P1, …) run against it.
 */
export function PreviousReportNote({
  year,
  previous,
  agencyId,
  mayImport,
}: {
  year: number
  previous: PreviousSource | null
  agencyId: string | null
  mayImport: boolean
}) {
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  if (previous !== null) {
    const whose = previous.fromPredecessor ? '前身机关' : '本机关'
    return (
      <div className="hint previous-report" data-testid="previous-report">
        <p data-testid="previous-source">
          上年度年报：{previous.agencyName || whose}
          {previous.fromPredecessor ? '（前身）' : ''}
          {previous.year}年
        </p>
        <p>
          已与{whose}
          {previous.year}
          年度年报衔接核对（上年结转、现行有效件数等跨年度规则）。左侧带蓝线的单元格取自上年度年报的结转数，改动须说明理由。
        </p>
      </div>
    )
  }

  const onFile = async (file: File | undefined) => {
    if (!file || !agencyId) return
    setMessage(null)
    setBusy(true)
    try {
      const read = await readReportFile(file)
      if (!read.ok) {
        setMessage({ kind: 'error', text: read.message })
        return
      }
      if (read.year !== null && read.year !== year - 1) {
        setMessage({ kind: 'error', text: `所选文件是${read.year}年度的年报，应导入${year - 1}年度的年报。` })
        return
      }
      const result = await importHistoryReport(agencyId, read.text)
      if (result.ok) {
        setMessage({ kind: 'ok', text: '已导入上年度年报，正在重新核对…' })
        window.location.reload()
      } else {
        const field = Object.values(result.error.fields)[0]
        setMessage({ kind: 'error', text: field ? `${result.error.message}（${field}）` : result.error.message })
      }
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
        <FilePicker
          label="导入上年度年报"
          accept=".json,application/json"
          disabled={busy}
          onFiles={([file]) => onFile(file)}
        />
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
