'use client'
import { useState } from 'react'
import { checkPortalCopy } from '@/lib/api-client'
import { MAX_PORTAL_COPY_BYTES, PORTAL_COPY_EXTENSIONS } from '@/lib/requests/publication'
import type { PortalCopyCheck as Result } from '@/lib/services/portal-copy'
import { FilePicker } from '@/components/file-picker'

/** The file's bytes as base64, the way the JSON body carries them. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

const KIND_LABELS = { changed: '不同', missing: '门户版本缺少', added: '门户版本多出' } as const

/**
 * Upload of the portal's copy and the comparison with the approved version (decision 0310):
 * “与审核版本一致”, or every difference: cells (label, approved, portal), paragraphs, agency, year.
 */
export function PortalCopyCheck({ reportId, versionLabel }: { reportId: string; versionLabel: string }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<Result | null>(null)

  const check = async (file: File) => {
    setError(null)
    setResult(null)
    if (file.size > MAX_PORTAL_COPY_BYTES) {
      setError(
        `“${file.name}”超过${MAX_PORTAL_COPY_BYTES / 1024 / 1024}MB，未上传。请确认选择的是这份年报的网页或下载文件。`,
      )
      return
    }
    setBusy(true)
    try {
      const answer = await checkPortalCopy(reportId, { fileName: file.name, data: await base64Of(file) })
      if (answer.ok) setResult(answer.data)
      else setError(answer.error.message)
    } catch {
      setError(`“${file.name}”无法读取，请重新选择文件。`)
    } finally {
      setBusy(false)
    }
  }

  const differences = result
    ? result.cells.length + result.paragraphs.length + (result.agency ? 1 : 0) + (result.year ? 1 : 0)
    : 0

  return (
    <div className="portal-copy" data-testid="portal-copy">
      <FilePicker
        label="门户网站上的年报文件"
        accept={PORTAL_COPY_EXTENSIONS.join(',')}
        disabled={busy}
        clearAfterChoice
        onFiles={([file]) => void check(file)}
      />
      {busy ? (
        <p className="hint" role="status">
          正在读取并比对……
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" data-testid="portal-copy-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div
          className={`copy-result ${result.same ? 'same' : 'differs'}`}
          data-testid="portal-copy-result"
          data-same={result.same ? '1' : '0'}
          role="status"
        >
          {result.same ? (
            <p>
              <strong>与审核版本一致</strong>：“{result.fileName}”与{versionLabel}逐项比对，表格
              {result.checked.cells}个单元格、正文{result.checked.paragraphs}段及机关名称、年度均相同。
            </p>
          ) : (
            <>
              <p>
                <strong>与审核版本不一致</strong>：“{result.fileName}”与{versionLabel}有{differences}处不同。
              </p>
              {result.format ? (
                <p>
                  门户版本的表格格式（{result.format.portal ?? '未识别'}）与审核版本（{result.format.approved}
                  ）不同，表格无法逐格比对。
                </p>
              ) : null}
              {result.agency || result.year ? (
                <ul>
                  {result.agency ? (
                    <li data-testid="copy-agency">
                      机关名称：审核版本“{result.agency.approved}”，门户版本“{result.agency.portal ?? '未识别'}”
                    </li>
                  ) : null}
                  {result.year ? (
                    <li data-testid="copy-year">
                      年度：审核版本{result.year.approved}，门户版本{result.year.portal ?? '未识别'}
                    </li>
                  ) : null}
                </ul>
              ) : null}
              {result.cells.length ? (
                <table className="list-table copy-cells">
                  <caption>数字不同的单元格（{result.cells.length}）</caption>
                  <thead>
                    <tr>
                      <th scope="col">单元格</th>
                      <th scope="col">审核版本</th>
                      <th scope="col">门户版本</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.cells.map((c) => (
                      <tr key={c.path} data-path={c.path}>
                        <th scope="row">{c.label}</th>
                        <td className="num approved-value" data-label="审核版本">
                          {c.approved}
                        </td>
                        <td className="num portal-value" data-label="门户版本">
                          {c.portal}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {result.paragraphs.length ? (
                <table className="list-table copy-paragraphs">
                  <caption>文字不同的段落（{result.paragraphs.length}）</caption>
                  <thead>
                    <tr>
                      <th scope="col">部分</th>
                      <th scope="col">差别</th>
                      <th scope="col">审核版本</th>
                      <th scope="col">门户版本</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.paragraphs.map((p, i) => (
                      <tr key={`${p.sectionKey}-${i}`} data-kind={p.kind}>
                        <td>{p.heading}</td>
                        <td>{KIND_LABELS[p.kind]}</td>
                        <td className="excerpt" data-label="审核版本">
                          {p.approved ?? '—'}
                        </td>
                        <td className="excerpt portal-value" data-label="门户版本">
                          {p.portal ?? '—'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          )}
          {result.notes.length ? (
            <details>
              <summary>读取说明（{result.notes.length}）</summary>
              <ul>
                {result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
