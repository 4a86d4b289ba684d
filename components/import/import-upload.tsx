'use client'
import { useState } from 'react'
import { createImportBatch, uploadImportFile } from '@/lib/api-client'
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES } from '@/lib/requests/imports'
import { FilePicker } from '@/components/file-picker'

/** What the file field offers (the server decides what it can read; a .zip is unpacked). */
const ACCEPT = '.html,.htm,.docx,.doc,.wps,.pdf,.txt,.json,.xlsx,.zip'

/** The file's bytes as base64, the way the JSON body carries them. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

export interface UploadTarget {
  id: string
  name: string
}

/**
 * 导入已发布的年报: one or many files (or a .zip) into a batch; the batch page then reads them
 * with progress and opens the side-by-side view. Officers import into one of their agencies; a
 * coordinator may read to audit only (nothing saved).
 */
export function ImportUpload({
  agencies,
  mayAudit,
  purpose,
  initialAgencyId,
}: {
  agencies: UploadTarget[]
  mayAudit: boolean
  purpose: 'report' | 'history'
  initialAgencyId: string | null
}) {
  const [agencyId, setAgencyId] = useState<string>(initialAgencyId ?? agencies[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const onFiles = async (files: File[]) => {
    if (!files.length) return
    setError(null)
    if (files.length > MAX_IMPORT_FILES) {
      setError(`一次最多导入${MAX_IMPORT_FILES}个文件，请分批上传。`)
      return
    }
    const tooBig = files.filter((f) => f.size > MAX_IMPORT_FILE_BYTES)
    if (tooBig.length) {
      setError(
        `文件过大：${tooBig.map((f) => `“${f.name}”（${(f.size / 1024 / 1024).toFixed(1)}MB）`).join('、')}，每个文件不应超过${MAX_IMPORT_FILE_BYTES / 1024 / 1024}MB。未上传任何文件，请去掉过大的文件后重新选择。`,
      )
      return
    }
    setBusy(true)
    try {
      const batch = await createImportBatch({ agencyId: agencyId || null, purpose, expected: files.length })
      if (!batch.ok) {
        setError(batch.error.message)
        return
      }
      let sent = 0
      for (const file of files) {
        setProgress(`正在上传 ${sent + 1} / ${files.length}：${file.name}`)
        const result = await uploadImportFile(batch.data.id, { fileName: file.name, data: await base64Of(file) })
        if (!result.ok) {
          setError(`“${file.name}”：${result.error.message}`)
          return
        }
        sent++
      }
      window.location.href = `/imports/${batch.data.id}`
    } catch {
      setError('文件读取失败，请重新选择文件。')
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  return (
    <section className="card import-upload" aria-label="上传文件">
      {agencies.length ? (
        <label>
          <span>{purpose === 'history' ? '作为哪个机关的上年度年报' : '导入到'}</span>
          <select value={agencyId} onChange={(e) => setAgencyId(e.target.value)} disabled={busy}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            {mayAudit ? <option value="">仅核对（不保存为年报）</option> : null}
          </select>
        </label>
      ) : (
        <p className="hint">仅核对：读取并检查已发布的年报，不保存为年报。</p>
      )}
      <FilePicker
        label="选择文件（可多选，或一个 .zip 压缩包）"
        multiple
        accept={ACCEPT}
        disabled={busy}
        onFiles={onFiles}
      />
      <p className="hint">
        可导入：门户网站保存的网页（.html）、Word（.docx）、带文字层的 PDF、文本（.txt）、本系统的年报
        JSON、表格模板（.xlsx），每个文件不超过
        {MAX_IMPORT_FILE_BYTES / 1024 / 1024}MB。读取后先并排显示原文和识别出的表格，由您决定是否保存。
      </p>
      {progress ? (
        <p className="ok" role="status">
          {progress}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}
