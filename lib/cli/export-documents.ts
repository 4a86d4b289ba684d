/**
 * The writing part of nianbao export, imported only when export runs (it brings the docx
 * package): checks the file like validate, then writes each document asked for.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { chineseDate } from '@/lib/china-time'
import { buildDocument, type DocumentKind } from '@/lib/export/document-export'
import { type CliIo, EXIT } from './types'
import { exitCode, textReport, validateFile } from './validate'

export interface ExportOptions {
  file: string
  outputs: Partial<Record<DocumentKind, string>>
  /** As typed (年-月-日); checked by the writing part, which knows the date format. */
  signature: string | null
  stockFonts: boolean
  draft: boolean
}

export async function exportDocuments(options: ExportOptions, io: CliIo, usage: string): Promise<number> {
  const date = options.signature === null ? null : chineseDate(options.signature)
  if (options.signature !== null && !date) {
    io.stderr(`落款日期“${options.signature}”无效，应为 年-月-日，如 2022-01-20\n用法：${usage}\n`)
    return EXIT.badInput
  }
  const outcome = validateFile(options.file, io.cwd)
  if ('error' in outcome) {
    io.stderr(`${outcome.file}：无法导出——${outcome.error}\n`)
    return EXIT.badInput
  }
  io.stdout(textReport([outcome]))
  const unfinished = outcome.findings.some(
    (f) =>
      f.status === 'fail' &&
      (f.severity === 'error' || outcome.format.rules.find((r) => r.id === f.ruleId)?.kind === 'filled'),
  )
  const draft = options.draft || unfinished
  for (const [kind, target] of Object.entries(options.outputs) as [DocumentKind, string][]) {
    const doc = await buildDocument(outcome.report, kind, {
      fontMode: options.stockFonts ? 'stock' : 'gb2312',
      signature: date ? { agency: outcome.report.agency.name, date } : null,
      draft,
    })
    const out = path.resolve(io.cwd, target)
    try {
      writeFileSync(out, doc.body)
    } catch (e) {
      io.stderr(
        `无法写出 ${target}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '目录不存在' : (e as Error).message}\n`,
      )
      return EXIT.badInput
    }
    io.stdout(`已写出 ${target}${draft ? '（带“草稿”标记）' : ''}\n`)
  }
  if (unfinished && !options.draft) io.stdout('注意：文件仍有错误或空白，导出的文档带有“草稿”标记。\n')
  return exitCode([outcome])
}
