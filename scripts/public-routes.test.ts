import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFiles, REPO_ROOT } from '@/test/app-files'
import { everyPath, NEXT_STATUS, type StandInBuild, standInBuild } from '@/test/stand-in-build'
import { publicRouteOf, publicRoutes, publicSegments } from './public-routes.mjs'

/** Every route folder under app/gk, as the build names it ('gk/[gov]/[year]'). */
const gkRoutes = () =>
  appFiles(path.join(REPO_ROOT, 'app/gk'), /^route\.(ts|tsx|js)$/).map((file) =>
    path
      .dirname(path.relative(path.join(REPO_ROOT, 'app'), file))
      .split(path.sep)
      .join('/'),
  )

describe('scripts/public-routes.mjs: which route answers an address under /gk', () => {
  it('splits and decodes the segments, and leaves odd paths to Next', () => {
    expect(publicSegments('/gk')).toEqual([])
    expect(publicSegments('/gk/a/2021?x=1')).toEqual(['a', '2021'])
    expect(publicSegments('/gk/%E5%BC%A0')).toEqual(['张'])
    for (const url of ['/gkx', '/gk/', '/gk/a//b', '/gk/a/', '/gk/%E0%A4%A', '/gk/a/../b', '/api/gk/a'])
      expect(publicSegments(url), url).toBeNull()
  })

  it('chooses the route Next would: static segments first, the catch-all deeper than the file', () => {
    const route = (url: string) => publicRouteOf(publicSegments(url) ?? [])
    expect(route('/gk')).toEqual({ route: 'gk', params: {} })
    expect(route('/gk/g')).toEqual({ route: 'gk/[gov]', params: { gov: 'g' } })
    expect(route('/gk/g/embed')).toEqual({ route: 'gk/[gov]/embed', params: { gov: 'g' } })
    expect(route('/gk/g/2021')).toEqual({ route: 'gk/[gov]/[year]', params: { gov: 'g', year: '2021' } })
    expect(route('/gk/g/2021/index.json').route).toBe('gk/[gov]/[year]/index.json')
    expect(route('/gk/g/2021/index.csv').route).toBe('gk/[gov]/[year]/index.csv')
    expect(route('/gk/g/2021/d')).toEqual({
      route: 'gk/[gov]/[year]/[agency]',
      params: { gov: 'g', year: '2021', agency: 'd' },
    })
    expect(route('/gk/g/embed/d').route).toBe('gk/[gov]/[year]/[agency]')
    expect(route('/gk/g/2021/d/v2').params).toEqual({ gov: 'g', year: '2021', agency: 'd', version: 'v2' })
    expect(route('/gk/g/2021/d/v2/report.pdf').route).toBe('gk/[gov]/[year]/[agency]/[version]/[file]')
    expect(route('/gk/g/2021/d/v2/report.pdf/x/y')).toEqual({
      route: 'gk/[gov]/[year]/[agency]/[version]/[file]/[...rest]',
      params: { gov: 'g', year: '2021', agency: 'd', version: 'v2', file: 'report.pdf', rest: ['x', 'y'] },
    })
  })

  it('knows every route of app/gk, and no other: a new route there must be added here too', () => {
    const samples = [
      '/gk',
      '/gk/g',
      '/gk/g/embed',
      '/gk/g/2021',
      '/gk/g/2021/index.json',
      '/gk/g/2021/index.csv',
      '/gk/g/2021/d',
      '/gk/g/2021/d/v1',
      '/gk/g/2021/d/v1/report.html',
      '/gk/g/2021/d/v1/report.html/more',
    ]
    const chosen = new Set(samples.map((url) => publicRouteOf(publicSegments(url) ?? []).route))
    expect([...chosen].sort()).toEqual(gkRoutes().sort())
  })
})

const g = globalThis as { publicRouteCalls?: { url: string; method: string; params: unknown }[] }

describe('scripts/public-routes.mjs against a stand-in build', () => {
  let build: StandInBuild
  let base: string

  beforeAll(async () => {
    g.publicRouteCalls = []
    build = await standInBuild({
      route: ['gk', '[gov]', '[year]', '[agency]'],
      method: 'GET',
      body: `globalThis.publicRouteCalls.push({ url: request.url, method: request.method, params: await context.params })
        return new Response(request.method === 'HEAD' ? null : '<p>页面</p>', { status: 200, headers: {
          'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'", etag: 'W/"1"' } })`,
      headers: [
        everyPath([
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
        ]),
      ],
      dispatcher: (dir) =>
        publicRoutes({
          dir,
          hostname: '127.0.0.1',
          port: 4568,
          fallback: async (_req: unknown, res: import('node:http').ServerResponse) => {
            res.statusCode = 298
            res.end('next (no such route in the build)')
          },
        }),
    })
    base = build.base
  })

  afterAll(() => build.close())

  it('hands GET and HEAD to the route handler with its params; the handler’s headers win over the config’s', async () => {
    const res = await fetch(`${base}/gk/g/2021/d?x=1`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('<p>页面</p>')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'")
    expect(res.headers.get('etag')).toBe('W/"1"')
    const head = await fetch(`${base}/gk/g/2021/d`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(g.publicRouteCalls).toEqual([
      { url: 'http://127.0.0.1:4568/gk/g/2021/d?x=1', method: 'GET', params: { gov: 'g', year: '2021', agency: 'd' } },
      { url: 'http://127.0.0.1:4568/gk/g/2021/d', method: 'HEAD', params: { gov: 'g', year: '2021', agency: 'd' } },
    ])
  })

  it('leaves other methods and odd paths to Next, and a route the build lacks to its fallback', async () => {
    const before = g.publicRouteCalls?.length
    for (const [method, url] of [
      ['POST', '/gk/g/2021/d'],
      ['GET', '/gk/g/2021/d/'],
      ['GET', '/gkx'],
      ['GET', '/gk/%E0%A4%A'],
    ]) {
      const res = await fetch(`${base}${url}`, { method, body: method === 'GET' ? undefined : '{}' })
      expect(res.status, `${method} ${url}`).toBe(NEXT_STATUS)
    }
    expect((await fetch(`${base}/gk/g`)).status).toBe(298)
    expect(g.publicRouteCalls?.length).toBe(before)
  })
})
