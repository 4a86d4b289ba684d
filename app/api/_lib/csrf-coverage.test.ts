import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '@/generated/prisma/client'
import { prisma } from '@/lib/db'
import { routeFiles } from '@/test/app-files'
import { newDraft } from '@/test/services'

const root = path.resolve(__dirname, '../../..')
const OWN_GUARD = new Set(['app/api/auth/[...all]/route.ts'])
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE'] as const

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>

/** Every table's rows, in a stable order: what "nothing changed" compares. */
async function snapshot(): Promise<string> {
  const out: Record<string, string[]> = {}
  for (const model of Object.values(Prisma.ModelName)) {
    const key = model[0].toLowerCase() + model.slice(1)
    const delegate = (prisma as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[key]
    out[model] = (await delegate.findMany()).map((row) => JSON.stringify(row)).sort()
  }
  return JSON.stringify(out)
}

describe('CSRF: every state-changing route', () => {
  const files = routeFiles().filter((f) => !OWN_GUARD.has(f))
  let params: Record<string, string>
  const handlers: { label: string; handler: Handler; url: string }[] = []

  beforeAll(async () => {
    const draft = await newDraft()
    params = { id: draft.id, commentId: 'c-1' }
    for (const file of files) {
      const mod = (await import(path.join(root, file))) as Record<string, Handler>
      const urlPath = `/${path.dirname(file).replace(/^app\//, '')}`.replace(/\[(\w+)\]/g, (_, k) => params[k])
      for (const method of STATE_CHANGING) {
        if (mod[method]) handlers.push({ label: `${method} ${file}`, handler: mod[method], url: urlPath })
      }
    }
  })

  it('finds the state-changing handlers', () => {
    const labels = handlers.map((h) => h.label)
    expect(labels).toContain('POST app/api/admin/users/[id]/password/route.ts')
    expect(labels).toContain('PUT app/api/reports/[id]/route.ts')
    expect(labels).toContain('POST app/api/reports/import/route.ts')
    expect(labels.length).toBeGreaterThanOrEqual(9)
  })

  it('refuses a foreign origin (403) and a body that is not JSON (415), changing nothing', async () => {
    const before = await snapshot()
    for (const { label, handler, url } of handlers) {
      const method = label.split(' ')[0]
      const context = { params: Promise.resolve(params) }
      const target = `http://localhost:3000${url}`
      const body = JSON.stringify({ action: 'approve', baseVersion: 1, password: 'x'.repeat(20), body: 'hi' })
      const foreign = await handler(
        new Request(target, {
          method,
          body,
          headers: { 'content-type': 'application/json', origin: 'http://evil.example', cookie: 'a=b' },
        }),
        context,
      )
      expect(foreign.status, `${label} from a foreign origin`).toBe(403)
      const otherPort = await handler(
        new Request(target, { method, body, headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-site' } }),
        context,
      )
      expect(otherPort.status, `${label} from another port`).toBe(403)
      const plain = await handler(
        new Request(target, {
          method,
          body,
          headers: { 'content-type': 'text/plain', origin: 'http://localhost:3000' },
        }),
        context,
      )
      expect(plain.status, `${label} as text/plain`).toBe(415)
    }
    expect(await snapshot()).toBe(before)
  })
})
