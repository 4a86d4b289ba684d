/**
 * CPU time of a process tree, read from /proc (Linux only): what the load test and the save bench
 * count as a server's or a database's CPU.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** The process and each of its descendants, depth first; a process that ended meanwhile is skipped. */
export function visitProcessTree(pid: number, visit: (pid: number) => void): void {
  const walk = (p: number) => {
    try {
      visit(p)
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim()
        for (const c of children ? children.split(' ') : []) walk(Number(c))
      }
    } catch {
      // the process ended meanwhile
    }
  }
  walk(pid)
}

/**
 * CPU time (user + system) of a process and its descendants, in ms. Counts cutime + cstime too:
 * children that ended (a database backend whose connection closed) leave their CPU to the parent,
 * so a difference of two readings stays exact.
 */
export function processTreeCpuMs(pid: number): number {
  const tick = 1000 / CLOCK_TICKS
  let total = 0
  visitProcessTree(pid, (p) => {
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick
  })
  return total
}
