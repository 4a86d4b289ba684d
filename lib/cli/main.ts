/**
 * The nianbao command line. Subcommands live in a table so that later ones are one entry each;
 * they import only ./types, never this file. bin/nianbao.js runs the compiled bundle of this
 * module (scripts/build-cli.ts).
 */
import { fstatSync, writevSync } from 'node:fs'
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

/** Whether stdout is a regular file (`> findings.json`), asked once. */
let stdoutFile: boolean | undefined
const stdoutIsFile = () => {
  if (stdoutFile === undefined) {
    try {
      stdoutFile = fstatSync(1).isFile()
    } catch {
      stdoutFile = false
    }
  }
  return stdoutFile
}

/**
 * Buffers written to a file descriptor in order, by writev: no joined copy of them. Only for a
 * regular file, which takes every write whole (a pipe or terminal may take part of one and is
 * left to the stream); up to 1,024 buffers a call (Linux's IOV_MAX), and a short count continues
 * where it stopped.
 */
export function writeAllSync(fd: number, pieces: readonly Uint8Array[]): void {
  let i = 0
  let offset = 0
  while (i < pieces.length) {
    const batch: Uint8Array[] = []
    for (let j = i; j < pieces.length && batch.length < 1024; j++) {
      batch.push(j === i ? pieces[j].subarray(offset) : pieces[j])
    }
    let written = writevSync(fd, batch)
    let moved = false
    while (i < pieces.length && written >= pieces[i].byteLength - offset) {
      written -= pieces[i].byteLength - offset
      i++
      offset = 0
      moved = true
    }
    if (i < pieces.length) {
      if (written === 0 && !moved) throw new Error(`写入失败（文件描述符 ${fd}）`)
      offset += written
    }
  }
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stdoutBytes: (pieces) => {
    if (stdoutIsFile()) writeAllSync(1, pieces)
    else process.stdout.write(Buffer.concat(pieces))
  },
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
