import { describe, expect, it } from 'vitest'
import { criticalPathCpu, type Span } from './validate-trace'

const span = (thread: string, what: string, start: number, end: number, cpu: number): Span => ({
  thread,
  what,
  start,
  end,
  cpu,
})

describe('criticalPathCpu', () => {
  it.each([
    {
      // max(300 + 700, 200 + 850) + max(400, 300) + 100
      case: 'between two waits of the main thread the busier thread, then the main thread to the end',
      spans: [
        span('main', 'start, load bundle', 0, 300, 300),
        span('worker', 'start, load bundle', 10, 250, 200),
        span('main', 'read', 300, 1000, 700),
        span('worker', 'read', 250, 1100, 850),
        span('main', 'wait: workers read', 1000, 1100, 0),
        span('main', 'siblings', 1100, 1500, 400),
        span('worker', 'siblings', 1100, 1400, 300),
        span('main', 'wait: workers siblings', 1500, 1500, 0),
        span('main', 'write output', 1500, 1600, 100),
      ],
      cpu: 1050 + 400 + 100,
    },
    {
      case: 'the main thread’s start counted on the worker’s side when the worker started after it',
      spans: [
        span('main', 'start, load bundle', 0, 300, 300),
        span('worker', 'start, load bundle', 310, 500, 200),
        span('main', 'read', 300, 1000, 700),
        span('worker', 'read', 500, 1300, 800),
        span('main', 'wait: workers read', 1000, 1300, 0),
      ],
      cpu: 300 + 200 + 800,
    },
  ])('$case', ({ spans, cpu }) => {
    expect(criticalPathCpu(spans)).toBe(cpu)
  })
})
