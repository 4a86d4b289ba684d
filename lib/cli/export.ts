/**
 * nianbao export FILE.json --docx OUT.docx --html OUT.html: the published documents of a report
 * file. It checks the file first and says what validate says, with the same exit codes; a file
 * that still has failing errors or blank cells is exported with the 草稿 mark.
 *
 * Only the arguments are read here. The writing part (and with it the docx package) is imported
 * when export runs, so that validate never loads it.
 */
import { HELP_OPTION, parseCommandArgs } from './args'
import type { ExportOptions } from './export-documents'
import { type CliIo, EXIT, type Subcommand } from './types'

const EXPORT_OPTIONS = {
  docx: { type: 'string' },
  html: { type: 'string' },
  signature: { type: 'string' },
  'stock-fonts': { type: 'boolean' },
  draft: { type: 'boolean' },
  ...HELP_OPTION,
} as const

export function parseExportArgs(args: string[]): ExportOptions | { help: true } | { error: string } {
  const parsed = parseCommandArgs(args, EXPORT_OPTIONS)
  if (!parsed.ok) return { error: parsed.error }
  const { values, positionals } = parsed
  if (values.help) return { help: true }
  if (positionals.length > 1) return { error: '一次只能导出一个年报文件' }
  if (positionals.length === 0) return { error: '请指定要导出的年报 JSON 文件' }
  const outputs: ExportOptions['outputs'] = {}
  if (values.docx) outputs.docx = values.docx
  if (values.html) outputs.html = values.html
  if (!outputs.docx && !outputs.html) return { error: '请用 --docx 或 --html 指定输出文件' }
  return {
    file: positionals[0],
    outputs,
    signature: values.signature ?? null,
    stockFonts: values['stock-fonts'] ?? false,
    draft: values.draft ?? false,
  }
}

export const exportCommand: Subcommand = {
  name: 'export',
  summary: '把年报 JSON 文件导出为 Word（.docx）和网页（.html）',
  usage: [
    'nianbao export 文件.json [--docx 输出.docx] [--html 输出.html] [--stock-fonts] [--signature 年-月-日] [--draft]',
    '  先按 validate 检查并列出问题，再写出文档；仍有错误或空白的年报带“草稿”标记。',
    '  --stock-fonts  使用仿宋、楷体、宋体等通用字体名（本机没有仿宋_GB2312等字体时）',
    '  --signature  文末加落款（机关名称和日期）',
    '  退出码与 validate 相同：0 无错误；1 有“错误”级规则未通过；2 文件无法读取、不是年报或无法写出。',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = parseExportArgs(args)
    if ('error' in options) {
      io.stderr(`${options.error}\n用法：${exportCommand.usage}\n`)
      return EXIT.badInput
    }
    if ('help' in options) {
      io.stdout(`用法：${exportCommand.usage}\n`)
      return EXIT.ok
    }
    const { exportDocuments } = await import('./export-documents')
    return exportDocuments(options, io, exportCommand.usage)
  },
}
