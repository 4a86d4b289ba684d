/**
 * nianbao import FILE… [-o DIR] [--json]: reads published documents (portal pages, Word, PDF,
 * text, .doc/.wps where LibreOffice is installed) into report JSON files, DIR/<name>.json, and
 * says what was recognised. The reader (lib/import) is loaded only when this command runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { HELP_OPTION, parseCommandArgs } from './args'
import { type CliIo, EXIT, type Subcommand } from './types'

const IMPORT_OPTIONS = { out: { type: 'string', short: 'o' }, json: { type: 'boolean' }, ...HELP_OPTION } as const

export type ImportArgs =
  | { files: string[]; out: string | null; json: boolean; help: boolean }
  | { error: string; json: boolean }

export function parseImportArgs(args: string[]): ImportArgs {
  const parsed = parseCommandArgs(args, IMPORT_OPTIONS)
  if (!parsed.ok) return { error: parsed.error, json: args.includes('--json') }
  const { json = false, help = false, out } = parsed.values
  if (!help && parsed.positionals.length === 0) return { error: '请指定要导入的文件（网页、Word、PDF 或文本）', json }
  return { files: parsed.positionals, out: out ?? null, json, help }
}

/** The report file's name: the document's name without its extension. */
export function outputName(file: string): string {
  const base = path.basename(file)
  const dot = base.lastIndexOf('.')
  return `${dot > 0 ? base.slice(0, dot) : base}.json`
}

export const importCommand: Subcommand = {
  name: 'import',
  summary: '读取已发布的年报（网页、Word、PDF、文本），写出年报 JSON 文件',
  usage: [
    'nianbao import 文件… [-o 目录] [--json]',
    '  逐个读取 .html/.htm、.docx、.doc/.wps（需安装 LibreOffice）、.pdf（带文字层）、.txt，',
    '  每个文件写出 目录/<文件名>.json（默认当前目录），数值按原文所印，并列出识别情况。',
    '  --json  不写文件（除非另给 -o），输出 { "documents": [ { "file", "report", "recognition" } ] }',
    '  退出码：0 全部读取；2 有文件无法读取或参数有误。',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = parseImportArgs(args)
    if ('error' in options) {
      io.stderr(`${options.error}\n用法：${importCommand.usage}\n`)
      if (options.json) io.stdout(`${JSON.stringify({ documents: [], error: '参数有误' })}\n`)
      return EXIT.badInput
    }
    if (options.help) {
      io.stdout(`用法：${importCommand.usage}\n`)
      return EXIT.ok
    }
    const { importDocument } = await import('@/lib/import/index')
    const { toInterchange } = await import('@/lib/report/interchange')
    const outDir = options.out === null ? (options.json ? null : io.cwd) : path.resolve(io.cwd, options.out)
    const documents: unknown[] = []
    const written = new Map<string, string>()
    let failed = false
    for (const file of options.files) {
      let bytes: Buffer
      try {
        bytes = readFileSync(path.resolve(io.cwd, file))
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        failed = true
        const error = code === 'ENOENT' ? '找不到文件' : `无法读取文件（${code ?? (e as Error).message}）`
        io.stderr(`${file}：${error}\n`)
        documents.push({ file, error })
        continue
      }
      try {
        const { report, recognition } = await importDocument({ bytes, fileName: path.basename(file) })
        let target: string | null = null
        if (outDir) {
          mkdirSync(outDir, { recursive: true })
          target = path.join(outDir, outputName(file))
          const before = written.get(target)
          if (before) io.stderr(`${file}：与 ${before} 写入同一个文件 ${outputName(file)}，前者已被覆盖\n`)
          written.set(target, file)
          writeFileSync(target, toInterchange(report))
        }
        documents.push({ file, report, recognition })
        if (!options.json) {
          const counts: Record<string, number> = {}
          for (const v of Object.values(recognition.cells)) counts[v] = (counts[v] ?? 0) + 1
          const missing = Object.entries(recognition.sections)
            .filter(([, v]) => v === 'missing')
            .map(([k]) => k)
          io.stdout(
            [
              `${file}：${recognition.agencyName ?? '（机关未识别）'} ${recognition.year ?? '（年度未识别）'}年，${recognition.formatVersion}年表式${target ? ` → ${path.relative(io.cwd, target) || target}` : ''}`,
              `  单元格：识别 ${counts.recognised ?? 0}，空白 ${counts.blank ?? 0}，印为“/”“—” ${counts.printedBlank ?? 0}，未印 ${counts.notPrinted ?? 0}，未找到 ${counts.notFound ?? 0}`,
              ...(missing.length ? [`  未找到的部分：${missing.join('、')}`] : []),
              ...recognition.notes.map((n) => `  · ${n}`),
              '',
            ].join('\n'),
          )
        }
      } catch (e) {
        failed = true
        const error = e instanceof Error ? e.message : String(e)
        io.stderr(`${file}：无法导入——${error}\n`)
        documents.push({ file, error })
      }
    }
    if (options.json) io.stdout(`${JSON.stringify({ documents }, null, 2)}\n`)
    return failed ? EXIT.badInput : EXIT.ok
  },
}
