import '../../../imports.css'
import { notFound } from 'next/navigation'
import { ImportChoices } from '@/components/import/import-choices'
import { RecognisedTables } from '@/components/import/recognised-tables'
import { requireUser } from '@/lib/auth/guards'
import { formatFor } from '@/lib/format/index'
import { draftsToFill, findingText, ITEM_STATUS_LABELS, itemPreview } from '@/lib/services/document-import'
import { ServiceError } from '@/lib/services/errors'

export const dynamic = 'force-dynamic'

const SEVERITY = { error: '错误', warning: '提示', info: '说明' } as const

/**
 * The side-by-side view of one read document: the original text, and what was recognised
 * (agency, year, format, tables cell by cell, sections, notes, unknown keys) with the findings
 * of the rules on the values as printed; then the choice.
 */
export default async function ImportItemPage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const { id, itemId } = await params
  const user = await requireUser(`/imports/${id}/items/${itemId}`)
  const preview = await itemPreview(user, id, itemId).catch((e) => {
    if (e instanceof ServiceError && (e.status === 404 || e.status === 409)) notFound()
    throw e
  })
  const { result, findings, item, batch } = preview
  const format = formatFor(result.report.formatVersion)
  if (!format) notFound()
  const { recognition } = result
  const headings: Record<string, string> = { preamble: format.preamble.heading }
  for (const s of format.sections) headings[s.key] = s.heading
  const decided = item.status !== 'read'
  const drafts = decided || batch.purpose !== 'report' ? [] : await draftsToFill(user, preview)
  return (
    <main className="page import-page import-preview">
      <p>
        <a href={`/imports/${id}`}>← 本次导入的全部文件</a>
      </p>
      <h1>
        {result.report.agency.name || '（未识别机关）'}
        {result.report.year ? `${result.report.year}年度` : '（未识别年度）'}年报
      </h1>
      {decided ? (
        <p className="hint">
          该文件{ITEM_STATUS_LABELS[item.status]}。
          {item.reportId ? <a href={`/reports/${item.reportId}`}>打开导入的年报 →</a> : null}
        </p>
      ) : (
        <ImportChoices
          batchId={batch.id}
          itemId={item.id}
          mayDraft={batch.agencyId !== null && batch.purpose === 'report'}
          mayHistory={batch.agencyId !== null}
          preferHistory={batch.purpose === 'history'}
          backTo={`/imports/${id}`}
          drafts={drafts}
          yearKnown={Boolean(result.report.year)}
        />
      )}
      <div className="import-sides">
        <section aria-label="原文">
          <h2>原文：{item.fileName}</h2>
          {/* It scrolls: focusable, so the keyboard can scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <pre className="import-original" data-testid="import-original" tabIndex={0}>
            {result.text}
          </pre>
        </section>
        <section className="import-read" aria-label="识别结果">
          <h2>识别结果</h2>
          <dl className="import-facts">
            <dt>机关</dt>
            <dd>{recognition.agencyName ?? '未识别'}</dd>
            <dt>年度</dt>
            <dd>{recognition.year ?? '未识别'}</dd>
            <dt>表式</dt>
            <dd>{recognition.formatVersion ? `${recognition.formatVersion}年格式` : '未识别'}</dd>
            <dt>状态</dt>
            <dd>{ITEM_STATUS_LABELS[item.status]}</dd>
          </dl>
          {recognition.unknownKeys.length ? (
            <div className="import-unknown" role="alert" data-testid="unknown-keys">
              <p>文件中有{recognition.unknownKeys.length}个键不属于年报格式，保存时不会保留：</p>
              <ul>
                {recognition.unknownKeys.map((k) => (
                  <li key={k}>
                    <code>{k}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {recognition.notes.length ? (
            <>
              <h3>读取说明</h3>
              <ul data-testid="recognition-notes">
                {recognition.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>检查结果（按表中所印数字）</h3>
          {findings.length ? (
            <ul className="finding-list" data-testid="import-findings">
              {findings.map((f) => (
                <li key={f.key} className={`sev-${f.severity}`}>
                  【{SEVERITY[f.severity]}】{findingText(f)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="ok">未发现问题。</p>
          )}
          <h3>各部分</h3>
          <ul className="import-sections">
            {Object.entries(recognition.sections).map(([key, state]) => (
              <li key={key} className={state}>
                {state === 'found' ? '✓' : '✗'} {headings[key] ?? key}
                {state === 'found' ? '' : '（未找到）'}
              </li>
            ))}
          </ul>
          <RecognisedTables format={format} result={result} />
        </section>
      </div>
    </main>
  )
}
