import { describe, expect, it } from 'vitest'
import { MAX_REPORT_FILE_BYTES, readReportFile } from './read-report-file'

const file = (text: string, size = text.length) => ({ size, text: async () => text })

describe('readReportFile', () => {
  it('reads the text and the year the JSON says', async () => {
    expect(await readReportFile(file('{"year":2022,"sections":{}}'))).toEqual({
      ok: true,
      text: '{"year":2022,"sections":{}}',
      year: 2022,
    })
  })

  it('passes text that is not JSON on to the server, without a year', async () => {
    expect(await readReportFile(file('not json'))).toEqual({ ok: true, text: 'not json', year: null })
  })

  it('refuses a file over the limit before reading it', async () => {
    const big = { size: MAX_REPORT_FILE_BYTES + 1, text: async () => Promise.reject(new Error('not read')) }
    const read = await readReportFile(big)
    expect(read).toEqual({ ok: false, message: '文件过大（5.0 MB），年报 JSON 文件不应超过 5 MB。' })
  })

  it('says so when the browser cannot read the file', async () => {
    const broken = { size: 10, text: async () => Promise.reject(new Error('gone')) }
    expect(await readReportFile(broken)).toEqual({ ok: false, message: '文件读取失败，请重新选择文件。' })
  })
})
