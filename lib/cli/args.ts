/**
 * Argument parsing for the subcommands: node:util parseArgs in strict mode decides, and when it
 * refuses, the arguments are read once more without strictness to say in Chinese what is wrong.
 */
import { parseArgs } from 'node:util'

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>

export type OptionValues<O extends OptionSpec> = {
  [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean
}

export type ParsedArgs<O extends OptionSpec> =
  | { ok: true; values: OptionValues<O>; positionals: string[] }
  | { ok: false; error: string }

/** Every subcommand takes -h/--help: its usage on stdout, exit 0. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const

export function parseCommandArgs<O extends OptionSpec>(args: string[], options: O): ParsedArgs<O> {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    if (!isParseArgsError(error)) throw error
    return { ok: false, error: explain(args, options) }
  }
  // `--docx=` passes parseArgs with an empty value; a file name is never empty.
  const empty = Object.keys(parsed.values).find((name) => parsed.values[name] === '')
  if (empty !== undefined) return { ok: false, error: `--${empty} 后面缺少值` }
  return { ok: true, values: parsed.values as OptionValues<O>, positionals: parsed.positionals }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}

/** Why strict parsing refused: every unknown option, else the first option whose value is wrong. */
function explain(args: string[], options: OptionSpec): string {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true })
  const unknown: string[] = []
  for (const token of tokens) if (token.kind === 'option' && !(token.name in options)) unknown.push(token.rawName)
  if (unknown.length) return `未知选项：${unknown.join(' ')}`
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const { value } = token
    if (options[token.name].type === 'boolean') {
      if (value !== undefined) return `${token.rawName} 不需要值`
    } else if (value === undefined || (!token.inlineValue && value.length > 1 && value.startsWith('-'))) {
      return `${token.rawName} 后面缺少值`
    }
  }
  return '参数有误'
}
