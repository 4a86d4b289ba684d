/**
 * nianbao export FILE.json --docx OUT.docx --html OUT.html: the published documents of a report
 * file. It checks the file first and says what validate says, with the same exit codes; a file
 * that still has failing errors or blank cells is exported with the 草稿 mark.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildDocument, chineseDate, type DocumentKind } from '@/lib/export/document-export'
import { EXIT, type CliIo, type Subcommand } from './main'
import { exitCode, textReport, validateFile } from './validate'

const VALUE_OPTIONS = ['--docx', '--html', '--signature'] as const
const FLAGS = ['--stock-fonts', '--draft'] as const

interface Parsed {
  file: string | null
  outputs: Partial<Record<DocumentKind, string>>
  signature: string | null
  stockFonts: boolean
  draft: boolean
  error: string | null
}

function parse(args: string[]): Parsed {
  const parsed: Parsed = { file: null, outputs: {}, signature: null, stockFonts: false, draft: false, error: null }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if ((VALUE_OPTIONS as readonly string[]).includes(arg)) {
      const value = args[++i]
      if (value === undefined || value.startsWith('--')) return { ...parsed, error: `${arg} 后面缺少值` }
      if (arg === '--signature') parsed.signature = value
      else parsed.outputs[arg.slice(2) as DocumentKind] = value
    } else if (arg === '--stock-fonts') parsed.stockFonts = true
    else if (arg === '--draft') parsed.draft = true
    else if (arg.startsWith('-')) return { ...parsed, error: `未知选项：${arg}` }
    else if (parsed.file) return { ...parsed, error: '一次只能导出一个年报文件' }
    else parsed.file = arg
  }
  if (!parsed.file) return { ...parsed, error: '请指定要导出的年报 JSON 文件' }
  if (!parsed.outputs.docx && !parsed.outputs.html) return { ...parsed, error: '请用 --docx 或 --html 指定输出文件' }
  if (parsed.signature && !chineseDate(parsed.signature)) {
    return { ...parsed, error: `落款日期“${parsed.signature}”无效，应为 年-月-日，如 2022-01-20` }
  }
  return parsed
}

export const exportCommand: Subcommand = {
  name: 'export',
  summary: '把年报 JSON 文件导出为 Word（.docx）和网页（.html）',
  usage: [
    'nianbao export 文件.json [--docx 输出.docx] [--html 输出.html] [--stock-fonts] [--signature 年-月-日] [--draft]',
    '  先按 validate 检查并列出问题，再写出文档；仍有错误或空白的年报带“草稿”标记。',
    `  ${FLAGS[0]}  使用仿宋、楷体、宋体等通用字体名（本机没有仿宋_GB2312等字体时）`,
    '  --signature  文末加落款（机关名称和日期）',
    '  退出码与 validate 相同：0 无错误；1 有“错误”级规则未通过；2 文件无法读取、不是年报或无法写出。',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = parse(args)
    if (options.error || !options.file) {
      io.stderr(`${options.error}\n用法：${exportCommand.usage}\n`)
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
    const date = options.signature ? chineseDate(options.signature) : null
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
  },
}
