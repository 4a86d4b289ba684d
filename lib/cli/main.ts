/**
 * The nianbao command line. Subcommands live in a table so that later ones are one entry each;
 * they import only ./types, never this file. bin/nianbao.js runs the compiled bundle of this
 * module (scripts/build-cli.ts).
 */
import { exportCommand } from './export'
import { importCommand } from './import'
import { type CliIo, EXIT, type Subcommand } from './types'
import { validateCommand } from './validate'

export const SUBCOMMANDS: Subcommand[] = [validateCommand, importCommand, exportCommand]

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
  stdoutBytes: (bytes) => process.stdout.write(bytes),
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
