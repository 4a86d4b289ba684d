/**
 * PDF by LibreOffice: our .docx converted by `soffice --convert-to pdf` in a child process, one
 * conversion at a time per instance, killed (with its whole process group) past a time limit, so
 * a stuck or slow conversion never blocks the server. The official faces come from a configured
 * font folder (NIANBAO_PDF_FONTS); the names it lacks fall back to the stock CJK faces, and the
 * PDF's subject says which.
 */
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The faces the .docx asks for (gb2312 mode) and the stock face that stands in for each. */
export const PDF_FACES: { name: string; fallback: string }[] = [
  { name: '仿宋_GB2312', fallback: 'Noto Serif CJK SC' },
  { name: '方正小标宋简体', fallback: 'Noto Serif CJK SC' },
  { name: '楷体_GB2312', fallback: 'AR PL UKai CN' },
  { name: '黑体', fallback: 'Noto Sans CJK SC' },
  { name: '宋体', fallback: 'Noto Serif CJK SC' },
]

/** The two faces the issue names: without both, the PDF is marked as set in fallbacks. */
const REQUIRED_FACES = ['仿宋_GB2312', '方正小标宋简体']

const DEFAULT_TIMEOUT_SECONDS = 90

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const file = path.join(dir, command)
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return null
}

/** soffice: NIANBAO_SOFFICE when set, else soffice or libreoffice on the PATH. */
export function sofficePath(): string | null {
  const configured = process.env.NIANBAO_SOFFICE?.trim()
  if (configured) return fs.existsSync(configured) ? configured : null
  return onPath('soffice') ?? onPath('libreoffice')
}

/** Why this instance cannot make PDFs (in Chinese, for the export menu), or null when it can. */
export function pdfUnavailableReason(): string | null {
  if (sofficePath()) return null
  return process.env.NIANBAO_SOFFICE?.trim()
    ? `服务器上找不到 NIANBAO_SOFFICE 指定的 LibreOffice（${process.env.NIANBAO_SOFFICE}），暂不能生成 PDF。请联系管理员。`
    : '服务器未安装 LibreOffice，暂不能生成 PDF。请联系管理员安装（见说明文档），或下载 Word 文件后自行转换。'
}

/** The configured font folder (NIANBAO_PDF_FONTS), when it is a directory. */
export function fontFolder(): string | null {
  const folder = process.env.NIANBAO_PDF_FONTS?.trim()
  if (!folder) return null
  try {
    return fs.statSync(folder).isDirectory() ? path.resolve(folder) : null
  } catch {
    return null
  }
}

/** Family names (every localized name) of the fonts in a folder, read by fontconfig's fc-scan. */
export function folderFamilies(folder: string): Set<string> {
  try {
    const out = execFileSync('fc-scan', ['--format', '%{family}\n', folder], { encoding: 'utf8', timeout: 20_000 })
    return new Set(
      out
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    )
  } catch {
    return new Set()
  }
}

export interface FontReport {
  folder: string | null
  /** Faces found in the folder. */
  configured: string[]
  /** Faces set in their stock stand-in. */
  fallbacks: string[]
  /** One line for the PDF's subject (document properties). */
  note: string
}

export function fontReport(folder: string | null = fontFolder()): FontReport {
  const families = folder ? folderFamilies(folder) : new Set<string>()
  const configured = PDF_FACES.filter((f) => families.has(f.name)).map((f) => f.name)
  const fallbacks = PDF_FACES.filter((f) => !families.has(f.name)).map((f) => f.name)
  const missing = REQUIRED_FACES.filter((name) => !families.has(name))
  const note =
    missing.length === 0
      ? `字体：${configured.join('、')}（已配置字体）${fallbacks.length ? `；${fallbacks.map((n) => `${n}以${PDF_FACES.find((f) => f.name === n)?.fallback}代替`).join('、')}` : ''}`
      : `字体：未配置${missing.join('、')}，使用替代字体（${PDF_FACES.filter((f) => !families.has(f.name))
          .map((f) => `${f.name}→${f.fallback}`)
          .join('、')}），版式与正式公文字体略有差异`
  return { folder, configured, fallbacks, note }
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A fonts.conf for the conversion: the system's, the configured folder, and the stock stand-ins
 * for the official names. LibreOffice uses a face of that name when fontconfig has one (the
 * folder's) and asks fontconfig for a substitute only when it has none.
 */
export function pdfFontsConf(folder: string | null): string {
  const aliases = PDF_FACES.map(
    (f) =>
      `<alias binding="same"><family>${xml(f.name)}</family><accept><family>${xml(f.fallback)}</family><family>Noto Serif CJK SC</family></accept></alias>`,
  ).join('\n')
  return `<?xml version="1.0"?>
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${folder ? `<dir>${xml(folder)}</dir>` : ''}
${aliases}
</fontconfig>
`
}

/** Thrown when soffice is missing, fails or runs out of time; the message is for the user. */
export class PdfError extends Error {}

let queue: Promise<unknown> = Promise.resolve()
let profileDir: string | null = null

/** Runs one conversion after the ones already waiting: soffice is heavy on a small server. */
function oneAtATime<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run)
  queue = next.catch(() => undefined)
  return next
}

function timeoutSeconds(): number {
  const n = Number(process.env.NIANBAO_PDF_TIMEOUT_SECONDS)
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_SECONDS
}

export interface ConvertOptions {
  /** Font folder; default NIANBAO_PDF_FONTS. */
  fontFolder?: string | null
  timeoutSeconds?: number
}

/** The .docx bytes as PDF bytes. */
export function convertDocxToPdf(docx: Buffer, options: ConvertOptions = {}): Promise<Buffer> {
  const soffice = sofficePath()
  if (!soffice) return Promise.reject(new PdfError(pdfUnavailableReason() ?? '不能生成 PDF'))
  const folder = options.fontFolder === undefined ? fontFolder() : options.fontFolder
  const limit = options.timeoutSeconds ?? timeoutSeconds()
  return oneAtATime(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-'))
    // One LibreOffice profile per server process, reused: creating one costs seconds.
    profileDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-soffice-profile-'))
    try {
      const input = path.join(dir, 'report.docx')
      fs.writeFileSync(input, docx)
      const conf = path.join(dir, 'fonts.conf')
      fs.writeFileSync(conf, pdfFontsConf(folder))
      await run(
        soffice,
        [
          `-env:UserInstallation=file://${profileDir}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf:writer_pdf_Export',
          '--outdir',
          dir,
          input,
        ],
        { ...process.env, FONTCONFIG_FILE: conf, HOME: process.env.HOME ?? dir },
        limit,
      )
      const output = path.join(dir, 'report.pdf')
      if (!fs.existsSync(output)) throw new PdfError('LibreOffice 未能生成 PDF，请稍后重试或下载 Word 文件')
      const pdf = fs.readFileSync(output)
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfError('LibreOffice 生成的 PDF 无效')
      return pdf
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, limitSeconds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // At the lowest CPU priority (docs/decisions/0660): a conversion is seconds of CPU, mostly
    // after 发布 in the background, and must not take the cores from the requests being served.
    // `nice` (coreutils) sets it before soffice starts, so soffice.bin inherits it.
    const nice = onPath('nice')
    const [file, argv] = nice ? [nice, ['-n', '19', command, ...args]] : [command, args]
    // Its own process group, so a timeout kills soffice.bin too, not only the wrapper script.
    const child = spawn(file, argv, { env, stdio: 'ignore', detached: true })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, limitSeconds * 1000)
    child.on('error', (err) => {
      clearTimeout(timer)
      reject(new PdfError(`无法启动 LibreOffice：${err.message}`))
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (timedOut) reject(new PdfError(`生成 PDF 超过 ${limitSeconds} 秒，已停止。请稍后重试或下载 Word 文件`))
      else if (code !== 0) reject(new PdfError(`LibreOffice 转换失败（退出码 ${code}），请稍后重试或下载 Word 文件`))
      else resolve()
    })
  })
}
