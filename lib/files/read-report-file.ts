/**
 * Reading a report JSON file the officer chose (导入年报, 导入上年度年报): one size limit, one
 * way to read it, the same messages. The server checks the content; here only what the browser
 * can tell at once: too large, unreadable, and the year the file says (when it is JSON).
 */

/** A report JSON file is far smaller; a larger one is something else. */
export const MAX_REPORT_FILE_BYTES = 5 * 1024 * 1024

export type ReadReportFile =
  | { ok: true; text: string /** `year` of the JSON, when it parses and has one. */; year: number | null }
  | { ok: false; message: string }

export async function readReportFile(file: Pick<File, 'size' | 'text'>): Promise<ReadReportFile> {
  if (file.size > MAX_REPORT_FILE_BYTES) {
    return {
      ok: false,
      message: `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），年报 JSON 文件不应超过 5 MB。`,
    }
  }
  let text: string
  try {
    text = await file.text()
  } catch {
    return { ok: false, message: '文件读取失败，请重新选择文件。' }
  }
  let year: number | null = null
  try {
    const parsed = JSON.parse(text) as { year?: unknown } | null
    if (parsed && typeof parsed.year === 'number') year = parsed.year
  } catch {
    // Not JSON: the server says what is wrong with it, where the officer chose it.
  }
  return { ok: true, text, year }
}
