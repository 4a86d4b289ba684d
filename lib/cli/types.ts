/**
 * What every subcommand shares. main.ts imports the commands and the commands import only this,
 * so the command line has no import cycle.
 */

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
