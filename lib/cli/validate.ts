/**
 * nianbao validate FILE.json… [--previous FILE] [--json]: checks report files against the rules
 * of their format, with the totals as the file states them (never recomputed), and reports in
 * Chinese. Files of one agency in consecutive years are paired, and the later year's report is
 * also checked against the earlier one (the cross-year rules).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { HELP_OPTION, parseCommandArgs } from './args'
import { type CliIo, EXIT, type Subcommand } from './types'
import { traced, writeTimeline } from './validate-trace'
import { isDocumentFile, type ReadDocuments, renderPart, threadsFor, validateFiles, writeParts } from './validate-core'
import { gramsInSharedChunks } from '@/lib/narrative/similarity'

export * from './validate-core'

const VALIDATE_OPTIONS = { json: { type: 'boolean' }, previous: { type: 'string' }, ...HELP_OPTION } as const

export type ValidateArgs =
  | { files: string[]; json: boolean; help: boolean; previous?: string }
  | { error: string; json: boolean }

export function parseValidateArgs(args: string[]): ValidateArgs {
  const parsed = parseCommandArgs(args, VALIDATE_OPTIONS)
  // Asked for JSON, the caller gets JSON even when the arguments are wrong.
  if (!parsed.ok) return { error: parsed.error, json: args.includes('--json') }
  const { json = false, help = false, previous } = parsed.values
  if (!help && parsed.positionals.length === 0) return { error: '请指定要检查的年报 JSON 文件', json }
  return { files: parsed.positionals, json, help, ...(previous === undefined ? {} : { previous }) }
}

export const validateCommand: Subcommand = {
  name: 'validate',
  summary: '按所属格式的核对规则检查年报 JSON 文件',
  usage: [
    'nianbao validate 文件.json… [--previous 上年度.json] [--json]',
    '  也可直接检查已发布的 .html/.htm、.docx、.pdf、.txt 文件：按原文所印的数值核对，--json 中另列 "recognition"（识别情况）。',
    '  逐个检查文件，列出未通过的规则和因空白暂无法判断的规则（总计按文件所填核对，不重新计算）。',
    '  同一机关（agency.code 相同，没有代码的按机关名称）相邻两个年度的文件，后一年度再与前一年度做跨年度衔接核对。',
    '  --previous FILE  指定上年度年报，所有文件都与它做跨年度衔接核对（文件应为其下一年度）',
    '  --json  以 JSON 输出：{ "reports": [ { "file", "previousFile", "notices", "findings": [ … ] } ] }；',
    '          跨年度的发现另列 "previousCells"（上年度单元格）和 "previousFile"；',
    '          正文中的发现另列 "quote"（原句）、"narrative": { "section", "paragraph" }（部分与段落，段落从1起）和 "fix"',
    '  退出码：0 无错误；1 有“错误”级规则未通过；2 有文件无法读取、不是年报，或同一机关同一年度有两个文件。',
  ].join('\n'),
  async run(args: string[], io: CliIo) {
    const options = parseValidateArgs(args)
    if ('error' in options) {
      io.stderr(`${options.error}\n用法：${validateCommand.usage}\n`)
      if (options.json) io.stdout(`${JSON.stringify({ reports: [], error: '参数有误' })}\n`)
      return EXIT.badInput
    }
    if (options.help) {
      io.stdout(`用法：${validateCommand.usage}\n`)
      return EXIT.ok
    }
    const { files, json, previous } = options
    // Many report files: worker threads share the reading and the checks (decision 0530).
    const threads = previous === undefined && !files.some(isDocumentFile) ? threadsFor(files.length) : 1
    if (threads > 1) {
      const { validateInThreads } = await import('./validate-parallel')
      const parts = await validateInThreads(files, io.cwd, json, threads)
      if (parts) {
        const code = traced('main', 'write output', () => writeParts(parts, json, io))
        writeTimeline()
        return code
      }
    }
    const documents = await readDocuments([...files, ...(previous ? [previous] : [])], io.cwd)
    // A command ends when its files are checked: the grams may live in shared chunks, as on
    // threads, instead of a buffer of their own per paragraph (decision 1022).
    gramsInSharedChunks()
    const outcomes = validateFiles(files, io.cwd, previous, documents)
    return writeParts(
      outcomes.map((o) => renderPart(o, json)),
      json,
      io,
    )
  },
}

/** Reads the published documents among the files (lib/import, loaded only when there is one). */
export async function readDocuments(files: string[], cwd: string): Promise<ReadDocuments> {
  const documents: ReadDocuments = new Map()
  const wanted = files.filter(isDocumentFile)
  if (wanted.length === 0) return documents
  const { importDocument } = await import('@/lib/import/index')
  for (const file of wanted) {
    let bytes: Buffer
    try {
      bytes = readFileSync(path.resolve(cwd, file))
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      documents.set(file, {
        error: code === 'ENOENT' ? '找不到文件' : `无法读取文件（${code ?? (e as Error).message}）`,
      })
      continue
    }
    try {
      const { report, recognition } = await importDocument({ bytes, fileName: path.basename(file) })
      documents.set(file, { report, recognition })
    } catch (e) {
      documents.set(file, { error: e instanceof Error ? e.message : String(e) })
    }
  }
  return documents
}
