import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDraft } from '@/test/services'
import { getReport } from './report-read'

const ROOT = path.resolve(__dirname, '../..')
const NATURAL = 'sections.applications.newReceived.natural'
const COMMERCIAL = 'sections.applications.newReceived.commercial'
const SAVES = 30

/** test/patch-process.ts in a process of its own, as a worker of NIANBAO_WORKERS would save. */
function saver(cell: string, reports: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'test/patch-process.ts', cell, String(SAVES), ...reports],
    { cwd: ROOT, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

describe('saves from two server processes at once (docs/decisions/0210-worker-processes.md)', () => {
  it('all land: a writer waits for the other process instead of failing, and none is lost', async () => {
    const a = await newDraft()
    const b = await newDraft()
    const [first, second] = await Promise.all([saver(NATURAL, [a.id, b.id]), saver(COMMERCIAL, [b.id, a.id])])
    expect(first.stderr).toBe('')
    expect(second.stderr).toBe('')
    expect([first.code, second.code]).toEqual([0, 0])
    for (const id of [a.id, b.id]) {
      const stored = (await getReport(id))!
      expect(stored.version).toBe(1 + 2 * SAVES)
      const applications = stored.report.sections.applications as any
      expect([applications.newReceived.natural, applications.newReceived.commercial]).toEqual([SAVES, SAVES])
    }
  }, 180_000)
})
