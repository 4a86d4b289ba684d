/**
 * The nianbao command line. Subcommands live in a table so that later ones (export, …) are one
 * entry each; bin/nianbao.js registers tsx and calls main().
 */
import { exportCommand } from './export'
import { validateCommand } from './validate'

/** Where a command writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
}

export interface Subcommand {
  name: string
  /** One line for the usage text. */
  summary: string
  usage: string
  /** Returns the exit code. */
  run: (args: string[], io: CliIo) => Promise<number> | number
}

/** Exit codes shared by all subcommands. */
export const EXIT = { ok: 0, findings: 1, badInput: 2 } as const

export const SUBCOMMANDS: Subcommand[] = [validateCommand, exportCommand]

export function usage(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length))
  return [
    '用法：nianbao <命令> [参数]',
    '',
    '命令：',
    ...SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...SUBCOMMANDS.map((c) => c.usage),
    '',
  ].join('\n')
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ;(name === undefined ? io.stderr : io.stdout)(usage())
    return name === undefined ? EXIT.badInput : EXIT.ok
  }
  const command = SUBCOMMANDS.find((c) => c.name === name)
  if (!command) {
    io.stderr(`未知命令“${name}”。\n\n${usage()}`)
    return EXIT.badInput
  }
  return command.run(args, io)
}
