/**
 * What every subcommand shares. main.ts imports the commands and the commands import only this,
 * so the command line has no import cycle.
 */

/** Where a command writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  /**
   * Writes bytes (UTF-8) to stdout, when the caller can: a large report is then encoded piece by
   * piece instead of as one string (decision 0730), and its pieces are written one after the
   * other, not joined first (decision 1026). Without it, commands write text.
   */
  stdoutBytes?: (pieces: readonly Uint8Array[]) => void
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
