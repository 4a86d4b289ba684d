'use client'
import { type ReactNode, type Ref, useState } from 'react'
import { signatureDateDefault } from '@/lib/workflow/deadlines'
import { DateReading } from '@/components/date-reading'

interface Props {
  reportId: string
  /** Exports are built from the stored report: save what is pending first. */
  beforeExport: () => Promise<unknown>
  draft: boolean
  /** The approved version the downloads come from while a correction is being written. */
  frozenNumber?: number | null
  /** When the version the downloads come from was approved (ISO 8601): its 落款 date by default. */
  approvedAt?: string | null
  /**
   * What a draft's open errors mean for its exports (`ExportErrorsNote`): passed as an element that
   * follows the count itself, so that a keystroke changing the count renders the note, not the menu.
   */
  errorsNote?: ReactNode
  /** Why this server cannot make PDFs (no LibreOffice), or null when it can. */
  pdfUnavailable?: string | null
}

/** The note's text for this many open errors ('' for none). */
export const exportErrorsText = (errorCount: number) =>
  errorCount > 0
    ? `年报还有${errorCount}项校验错误未改正。导出的文件只带“草稿”标记，不列出这些错误，请改正后再用于发布。`
    : ''

/**
 * Failing error rules of the working copy: a draft exports with them, marked only 草稿. Always in
 * the page, hidden while there are none, so that a keystroke changing the count writes its text
 * (`writeExportErrors`) instead of rendering it (decision 0760).
 */
export function ExportErrorsNote({ errorCount, ref }: { errorCount: number; ref?: Ref<HTMLParagraphElement> }) {
  return (
    <p ref={ref} className="hint" data-testid="export-errors-note" hidden={errorCount === 0}>
      {exportErrorsText(errorCount)}
    </p>
  )
}

/** What `ExportErrorsNote` renders for this count, written on its element, only what differs. */
export function writeExportErrors(note: HTMLElement, errorCount: number) {
  const text = exportErrorsText(errorCount)
  if (note.textContent !== text) note.textContent = text
  if (note.hidden !== (errorCount === 0)) note.hidden = errorCount === 0
}

/** Downloads of the published documents (.docx, HTML, PDF), the HTML preview and the JSON file. */
export function ExportMenu({
  reportId,
  beforeExport,
  draft,
  frozenNumber = null,
  approvedAt = null,
  errorsNote = null,
  pdfUnavailable = null,
}: Props) {
  const [stockFonts, setStockFonts] = useState(false)
  const [withSignature, setWithSignature] = useState(false)
  const [date, setDate] = useState(() => signatureDateDefault(draft ? null : approvedAt))
  const query = new URLSearchParams()
  if (stockFonts) query.set('fonts', 'stock')
  if (withSignature && date) query.set('signature', date)
  const suffix = query.size ? `?${query}` : ''
  // The PDF is the approved version's, which carries no font choice: only the 落款 date.
  const pdfQuery = withSignature && date ? `?${new URLSearchParams([['signature', date]])}` : ''
  const go = (href: string) => async (e: React.MouseEvent) => {
    e.preventDefault()
    await beforeExport()
    window.location.href = href
  }
  return (
    <details className="export-menu">
      <summary className="button">导出 ▾</summary>
      <div className="export-panel" role="menu" aria-label="导出">
        {draft ? <p className="hint">尚未审核通过，导出的文件带有“草稿”标记。</p> : null}
        {draft ? errorsNote : null}
        {frozenNumber ? (
          <p className="hint">下载的是已审核的第{frozenNumber}版；正在修改的内容请用“下载修改稿”。</p>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={stockFonts} onChange={(e) => setStockFonts(e.target.checked)} />
          使用通用字体（本机没有仿宋_GB2312等字体时）
        </label>
        <label className="check">
          <input type="checkbox" checked={withSignature} onChange={(e) => setWithSignature(e.target.checked)} />
          文末加落款，日期
          <input
            type="date"
            aria-label="落款日期"
            value={date}
            disabled={!withSignature}
            onChange={(e) => setDate(e.target.value)}
            aria-describedby={withSignature ? 'signature-date-reading' : undefined}
          />
        </label>
        {withSignature ? <DateReading id="signature-date-reading" value={date} lead="落款日期印为" /> : null}
        <a
          className="button"
          role="menuitem"
          href={`/api/reports/${reportId}/docx${suffix}`}
          onClick={go(`/api/reports/${reportId}/docx${suffix}`)}
        >
          下载 Word（.docx）
        </a>
        <a
          className="button"
          role="menuitem"
          href={`/api/reports/${reportId}/html${suffix}`}
          onClick={go(`/api/reports/${reportId}/html${suffix}`)}
        >
          下载网页（.html）
        </a>
        {pdfUnavailable ? (
          <p className="hint" data-testid="pdf-unavailable">
            PDF 不可用：{pdfUnavailable}
          </p>
        ) : draft ? (
          <p className="hint" data-testid="pdf-unavailable">
            PDF 不可用：审核通过后才能下载 PDF（由审核通过的版本生成）。
          </p>
        ) : (
          <a
            className="button"
            role="menuitem"
            href={`/api/reports/${reportId}/pdf${pdfQuery}`}
            onClick={go(`/api/reports/${reportId}/pdf${pdfQuery}`)}
          >
            下载 PDF
          </a>
        )}
        {frozenNumber ? (
          <a
            className="button"
            role="menuitem"
            href={`/api/reports/${reportId}/docx?${new URLSearchParams([...query, ['source', 'working']])}`}
            onClick={go(`/api/reports/${reportId}/docx?${new URLSearchParams([...query, ['source', 'working']])}`)}
          >
            下载修改稿 Word（草稿）
          </a>
        ) : null}
        <a
          className="button"
          role="menuitem"
          href={`/reports/${reportId}/preview${suffix}`}
          onClick={go(`/reports/${reportId}/preview${suffix}`)}
        >
          预览网页版
        </a>
        <a
          className="button"
          role="menuitem"
          href={`/api/reports/${reportId}/export`}
          onClick={go(`/api/reports/${reportId}/export`)}
        >
          导出 JSON 数据
        </a>
      </div>
    </details>
  )
}
