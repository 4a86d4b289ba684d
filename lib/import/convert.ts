/**
 * .doc and .wps to .docx by LibreOffice (where installed: NIANBAO_SOFFICE or soffice on the
 * PATH, as lib/export/pdf.ts finds it), in a child process group killed past a time limit.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sofficePath } from '@/lib/export/pdf'
import { ImportRefusal } from './lines'

let profileDir: string | null = null

/** Converts a document LibreOffice can open (.doc, .wps, .html) to .docx bytes. */
export async function convertToDocx(bytes: Uint8Array, extension: string, timeoutMs = 60_000): Promise<Uint8Array> {
  const soffice = sofficePath()
  if (!soffice) {
    throw new ImportRefusal('服务器上没有安装 LibreOffice，不能读取 .doc/.wps 文件。请另存为 .docx 或 PDF 后再导入。')
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-import-'))
  // One profile per process, reused: creating one costs seconds.
  profileDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-import-profile-'))
  try {
    const input = path.join(dir, `document.${extension.replace(/[^a-z0-9]/gi, '') || 'doc'}`)
    fs.writeFileSync(input, bytes)
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        soffice,
        [
          `-env:UserInstallation=file://${profileDir}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'docx:MS Word 2007 XML',
          '--outdir',
          dir,
          input,
        ],
        { stdio: 'ignore', detached: true, env: { ...process.env, HOME: process.env.HOME ?? dir } },
      )
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL')
        } catch {
          child.kill('SIGKILL')
        }
      }, timeoutMs)
      child.on('error', (e) => {
        clearTimeout(timer)
        reject(new ImportRefusal(`无法启动 LibreOffice：${e.message}`))
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        if (timedOut) reject(new ImportRefusal(`LibreOffice 转换超过 ${Math.round(timeoutMs / 1000)} 秒，已停止。`))
        else if (code !== 0) reject(new ImportRefusal(`LibreOffice 未能转换该文件（退出码 ${code}），文件可能已损坏。`))
        else resolve()
      })
    })
    const output = path.join(dir, 'document.docx')
    if (!fs.existsSync(output)) throw new ImportRefusal('LibreOffice 未能转换该文件，文件可能已损坏。')
    return new Uint8Array(fs.readFileSync(output))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
