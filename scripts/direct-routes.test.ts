import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { everyPath, NEXT_STATUS, type StandInBuild, standInBuild } from '@/test/stand-in-build'
import { directRoutes } from './direct-routes.mjs'

/**
 * The direct dispatch of the autosave against a stand-in build: a routes manifest with the
 * headers of next.config.js and a route module whose PATCH records what it was given.
 */
interface Seen {
  url: string
  method: string
  id: string
  body: string
  headers: Record<string, string>
}

const g = globalThis as { directRouteCalls?: Seen[] }

describe('scripts/direct-routes.mjs', () => {
  let build: StandInBuild
  let base: string

  beforeAll(async () => {
    g.directRouteCalls = []
    build = await standInBuild({
      route: ['api', 'reports', '[id]'],
      method: 'PATCH',
      body: `const { id } = await context.params
        globalThis.directRouteCalls.push({ url: request.url, method: request.method, id, body: await request.text(),
          headers: Object.fromEntries(request.headers) })
        return Response.json({ ok: true }, { status: 200, headers: { 'cache-control': 'no-store' } })`,
      headers: [
        everyPath([{ key: 'X-Content-Type-Options', value: 'nosniff' }]),
        {
          source: '/:path((?!api/reports/[^/]+/html$).*)',
          headers: [{ key: 'X-Frame-Options', value: 'DENY' }],
          regex: '^(?:/((?!api/reports/[^/]+/html$).*))(?:/)?$',
        },
      ],
      dispatcher: (dir) => directRoutes({ dir, hostname: '127.0.0.1', port: 4567 }),
      // As scripts/server.mjs: the client address header is ours, whatever the client sent.
      before: (req) => {
        req.headers['x-nianbao-client-ip'] = '10.1.2.3'
      },
    })
    base = build.base
  })

  afterAll(() => build.close())

  it('hands PATCH /api/reports/:id to the route handler, with the request as Next builds it', async () => {
    const res = await fetch(`${base}/api/reports/r%2D1?x=1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', origin: 'http://a.test', 'x-nianbao-client-ip': '6.6.6.6' },
      body: '{"changes":[]}',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const [seen] = g.directRouteCalls ?? []
    expect(seen).toMatchObject({
      url: 'http://127.0.0.1:4567/api/reports/r%2D1?x=1',
      method: 'PATCH',
      id: 'r-1',
      body: '{"changes":[]}',
    })
    expect(seen.headers.origin).toBe('http://a.test')
    expect(seen.headers['x-nianbao-client-ip']).toBe('10.1.2.3')
  })

  it('leaves every other request to Next', async () => {
    const before = g.directRouteCalls?.length
    for (const [method, url] of [
      ['GET', '/api/reports/r1'],
      ['PUT', '/api/reports/r1'],
      ['PATCH', '/api/reports/r1/comments'],
      ['PATCH', '/api/reports/'],
      ['PATCH', '/api/reports/%E0%A4%A'],
    ]) {
      const res = await fetch(`${base}${url}`, { method, body: method === 'GET' ? undefined : '{}' })
      expect(res.status, `${method} ${url}`).toBe(NEXT_STATUS)
    }
    expect(g.directRouteCalls?.length).toBe(before)
  })
})
