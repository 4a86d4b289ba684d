import { describe, expect, it } from 'vitest'
import { machineCpu, machineCpuOf, othersDuring } from './lib'

const STAT = `cpu  1000 20 300 90000 50 7 3 40 0 0
cpu0 500 10 150 45000 25 4 2 20 0 0
cpu1 500 10 150 45000 25 3 1 20 0 0
intr 12345
`

describe('the machine CPU time beside a benchmark', () => {
  it('reads busy and stolen time of all cores from the aggregate line, in ms', () => {
    // user + nice + system + irq + softirq = 1,330 ticks; idle and iowait are not busy.
    expect(machineCpuOf(STAT)).toEqual({ busyMs: 13_300, stealMs: 400 })
  })

  it('gives nothing for a text without the aggregate line or with a broken one', () => {
    expect(machineCpuOf('cpu0 1 2 3 4 5 6 7 8\n')).toBeNull()
    expect(machineCpuOf('cpu  1 2 3\n')).toBeNull()
    expect(machineCpuOf('cpu  1 2 x 4 5 6 7 8\n')).toBeNull()
  })

  it('counts the cores the rest of the machine kept busy while the child ran', () => {
    const before = { busyMs: 10_000, stealMs: 100 }
    // 2 s of wall: the child took 3 s of CPU, the machine 4 s in all, 0.2 s stolen.
    const after = { busyMs: 14_000, stealMs: 300 }
    expect(othersDuring(before, after, 3_000, 2_000)).toEqual({ otherCores: 0.5, stolenCores: 0.1 })
    // The kernel's ticks are coarser than the child's times: never below none.
    expect(othersDuring(before, after, 4_200, 2_000).otherCores).toBe(0)
  })

  it('reads this machine, where it has /proc/stat', () => {
    const now = machineCpu()
    if (now === null) return
    expect(now.busyMs).toBeGreaterThan(0)
    expect(now.stealMs).toBeGreaterThanOrEqual(0)
  })
})
