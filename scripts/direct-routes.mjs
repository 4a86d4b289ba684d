/**
 * The autosave without Next's request machinery (docs/decisions/0120-save-path.md). Next spends
 * about 4 ms of CPU on every API request before and after our handler (routing, its request
 * stores, a NextRequest, web streams both ways), more than the save itself. The one request that
 * every officer sends every second, PATCH /api/reports/:id, is given here to the very handler
 * Next would call: the route module's exported PATCH, built by `next build` and loaded through
 * Next's own module (so it shares every module instance with the rest of the app), which is
 * route() of app/api/_lib/api-route.ts with its guards (origin, session, permission) and its zod
 * schemas. The answer gets the headers next.config.js gives every answer (from the build's
 * routes manifest). Anything else, and anything this cannot take, goes to Next as before.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** `/api/reports/<id>`, nothing after it: the path of the autosave. */
const REPORT_PATH = /^\/api\/reports\/([^/?#]+)(\?.*)?$/

/** Bodies declared at most this long are read before the handler runs (see answer()). */
const PREREAD_BYTES = 64 * 1024

/** The whole body of a request whose Content-Length is small (Node stops at that length). */
function readSmall(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

const formatHostname = (hostname) => (hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname)

/**
 * A dispatcher: (req, res) => a promise when it answers the request, else null (Next's turn);
 * its `warm()` warms the autosave before the server takes traffic and its `schemaBehind()` says
 * whether the database lacks a migration (see there).
 * `hostname` and `port` as given to next(): the request URL is built as Next builds it.
 */
export function directRoutes({ dir, hostname, port }) {
  const distDir = path.resolve(dir, process.env.NEXT_DIST_DIR || '.next')
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8'))
  const headerRules = (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }))
  const require = createRequire(path.join(distDir, 'server', 'app'))
  /** The handler of PATCH /api/reports/[id], loaded on first use (the same module Next loads). */
  let patchHandler = null
  const loadPatch = async () => {
    if (!patchHandler) {
      const { routeModule } = require(path.join(distDir, 'server', 'app', 'api', 'reports', '[id]', 'route.js'))
      await routeModule.ensureUserland()
      const handler = routeModule.userland.PATCH
      if (typeof handler !== 'function') throw new Error('PATCH /api/reports/[id] has no handler')
      patchHandler = handler
    }
    return patchHandler
  }

  /**
   * Before the server listens (decision 0710): loads the PATCH module, runs the warm-up it offers
   * (lib/services/save-warmup.ts: the save's pure steps in memory, its statements on every pooled
   * connection, nothing written), then sends the handler a few autosaves without a session, which
   * it refuses (401) after its guards and body parsing ran. Returns what was done, for the log.
   */
  const warm = async () => {
    const handler = await loadPatch()
    const offered = globalThis[Symbol.for('nianbao.server-warmup')]
    const done = typeof offered === 'function' ? await offered() : 'no warm-up offered by the PATCH route'
    const url = `http://${formatHostname(hostname)}:${port}/api/reports/warm-up`
    const body = JSON.stringify({ changes: [{ path: 'sections.applications.newReceived.natural', base: 1, value: 2 }] })
    for (let i = 0; i < 50; i++) {
      const headers = { 'content-type': 'application/json', origin: `http://${formatHostname(hostname)}:${port}` }
      const response = await handler(new Request(url, { method: 'PATCH', headers, body }), {
        params: Promise.resolve({ id: 'warm-up' }),
      })
      await response.arrayBuffer()
    }
    return done
  }

  const dispatch = (req, res) => {
    if (req.method !== 'PATCH') return null
    const match = REPORT_PATH.exec(req.url ?? '')
    if (!match) return null
    let id
    try {
      id = decodeURIComponent(match[1])
    } catch {
      return null
    }
    return answer(req, res, id, match)
  }
  dispatch.warm = warm
  /**
   * Before the server listens (decision 0910): the PATCH module's schema check
   * (lib/services/schema-check.ts). Null when the database has every shipped migration, else what
   * to tell the operator.
   */
  dispatch.schemaBehind = async () => {
    await loadPatch()
    const offered = globalThis[Symbol.for('nianbao.schema-check')]
    return typeof offered === 'function' ? await offered() : null
  }
  return dispatch

  async function answer(req, res, id, match) {
    const handler = await loadPatch()
    // As Next builds it (next-server attachRequestMeta): its own host and port, the client's scheme.
    const protocol = String(req.headers['x-forwarded-proto'] ?? '').includes('https') ? 'https' : 'http'
    const url = `${protocol}://${formatHostname(hostname)}:${port}${req.url}`
    // From req.headers, as Next does: server.mjs has replaced the client address header there.
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v)
      else if (value !== undefined) headers.set(key, value)
    }
    // An autosave's body is a few hundred bytes: read it here, with Node's events, rather than
    // through a web stream adapted from the socket's (route() still bounds and parses it). A
    // larger or chunked body streams as before, so the route's limit applies while reading.
    const length = Number(req.headers['content-length'])
    const sent = Number.isInteger(length) && length >= 0 && length <= PREREAD_BYTES ? await readSmall(req) : req
    const request = new Request(url, { method: 'PATCH', headers, body: sent, duplex: 'half' })
    const response = await handler(request, { params: Promise.resolve({ id }) })
    const body = Buffer.from(await response.arrayBuffer())
    const pathname = match[0].slice(0, match[0].length - (match[2]?.length ?? 0))
    res.statusCode = response.status
    for (const rule of headerRules) {
      if (rule.regex.test(pathname)) for (const { key, value } of rule.headers) res.setHeader(key, value)
    }
    for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value)
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader('set-cookie', cookies)
    res.setHeader('content-length', body.length)
    res.end(body)
  }
}
