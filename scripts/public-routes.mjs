/**
 * The public column (/gk, decisions 0301, 0320, 0400) without Next's request machinery, as the
 * autosave is (scripts/direct-routes.mjs, decision 0120). Next spends a few ms of CPU on every
 * request before and after a route handler (routing, its request stores, a NextRequest, web
 * streams both ways): more than a public page costs once it is one SQL statement and a page
 * kept under its ETag. A GET or HEAD under /gk is given here to the very handler Next would call,
 * the GET export of the route module `next build` produced for that address (app/gk/…/route.ts),
 * loaded through Next's own module loader (so it shares every module instance with the rest of
 * the app). These handlers read nothing but their request and params: no session, no
 * next/headers. The answer gets the headers next.config.js gives every answer (from the build's
 * routes manifest), then the handler's own. Anything else goes to Next as before.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** Marks a request from here, and holds a public answer's bytes on its Response (lib/security/public-headers.ts). */
const DIRECT_BODY = Symbol.for('nianbao.public-direct-body')

const formatHostname = (hostname) => (hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname)

/**
 * Which route module answers /gk/<segments>, and its params: the same choice Next's router
 * makes for app/gk (a static segment before a dynamic one; deeper than the file route, the
 * catch-all that answers the column's 404).
 */
export function publicRouteOf(segments) {
  const [gov, year, agency, version, file] = segments
  switch (segments.length) {
    case 0:
      return { route: 'gk', params: {} }
    case 1:
      return { route: 'gk/[gov]', params: { gov } }
    case 2:
      return year === 'embed'
        ? { route: 'gk/[gov]/embed', params: { gov } }
        : { route: 'gk/[gov]/[year]', params: { gov, year } }
    case 3:
      if (agency === 'index.json' || agency === 'index.csv')
        return { route: `gk/[gov]/[year]/${agency}`, params: { gov, year } }
      return { route: 'gk/[gov]/[year]/[agency]', params: { gov, year, agency } }
    case 4:
      return { route: 'gk/[gov]/[year]/[agency]/[version]', params: { gov, year, agency, version } }
    case 5:
      return { route: 'gk/[gov]/[year]/[agency]/[version]/[file]', params: { gov, year, agency, version, file } }
    default:
      return {
        route: 'gk/[gov]/[year]/[agency]/[version]/[file]/[...rest]',
        params: { gov, year, agency, version, file, rest: segments.slice(5) },
      }
  }
}

/** '/gk/a/b?x' → ['a', 'b']; null for what Next should see itself (an empty segment, a bad escape). */
export function publicSegments(url) {
  const pathname = url.split(/[?#]/, 1)[0]
  if (pathname !== '/gk' && !pathname.startsWith('/gk/')) return null
  const rest = pathname.slice('/gk'.length)
  if (rest === '') return []
  const raw = rest.slice(1).split('/')
  // A trailing slash or '//' is Next's to redirect or refuse.
  if (raw.some((s) => s === '' || s === '.' || s === '..')) return null
  try {
    return raw.map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
}

/**
 * A dispatcher: (req, res) => a promise when it answers the request, else null (Next's turn).
 * `hostname` and `port` as given to next(): the request URL is built as Next builds it;
 * `fallback(req, res)` (Next's handler) answers an address whose route this build lacks.
 */
export function publicRoutes({ dir, hostname, port, fallback }) {
  const distDir = path.resolve(dir, process.env.NEXT_DIST_DIR || '.next')
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8'))
  const headerRules = (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }))
  const require = createRequire(path.join(distDir, 'server', 'app'))
  /** GET handlers by route, loaded on first use (the same modules Next loads); null: not in this build. */
  const handlers = new Map()
  const handlerOf = async (route) => {
    if (!handlers.has(route)) {
      let handler = null
      try {
        const { routeModule } = require(path.join(distDir, 'server', 'app', ...route.split('/'), 'route.js'))
        await routeModule.ensureUserland()
        if (typeof routeModule.userland.GET === 'function') handler = routeModule.userland.GET
      } catch (error) {
        if (error?.code !== 'MODULE_NOT_FOUND') throw error
      }
      handlers.set(route, handler)
    }
    return handlers.get(route)
  }

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null
    const segments = publicSegments(req.url ?? '')
    if (!segments) return null
    return answer(req, res, publicRouteOf(segments))
  }

  async function answer(req, res, { route, params }) {
    const handler = await handlerOf(route)
    if (!handler) return fallback(req, res)
    // As Next builds it (next-server attachRequestMeta): its own host and port, the client's scheme.
    const protocol = String(req.headers['x-forwarded-proto'] ?? '').includes('https') ? 'https' : 'http'
    const url = `${protocol}://${formatHostname(hostname)}:${port}${req.url}`
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v)
      else if (value !== undefined) headers.set(key, value)
    }
    const request = new Request(url, { method: req.method, headers })
    // Asks for the stored bytes beside a body-less Response (lib/security/public-headers.ts):
    // no copy into the Response's body, no web stream read back here (decision 0700).
    request[DIRECT_BODY] = true
    const response = await handler(request, { params: Promise.resolve(params) })
    const stored = response[DIRECT_BODY]
    const body = req.method === 'HEAD' ? null : (stored ?? Buffer.from(await response.arrayBuffer()))
    const pathname = (req.url ?? '').split(/[?#]/, 1)[0]
    res.statusCode = response.status
    for (const rule of headerRules) {
      if (rule.regex.test(pathname)) for (const { key, value } of rule.headers) res.setHeader(key, value)
    }
    for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value)
    if (body) res.setHeader('content-length', body.length)
    res.end(body ?? undefined)
  }
}
