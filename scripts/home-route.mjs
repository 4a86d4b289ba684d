/**
 * The home list (GET /) without Next's page renderer (docs/decisions/0610-home-list-outside-
 * next.md), as the public column and the autosave are (scripts/public-routes.mjs,
 * scripts/direct-routes.mjs). Through Next a list page cost 17–28 ms of server CPU, most of it the
 * renderer (a signed-out /sign-in alone costs 17 ms). A signed-in GET / is given to the handler
 * of app/api/home-page/route.ts (loaded through Next's own module loader, sharing every module
 * instance with the app), which writes the page as one string; a 200 is sent as it is, with the
 * headers next.config.js gives "/" (from the routes manifest) and the handler's own (its CSP with
 * a nonce, as proxy.ts sets for pages). Any other answer (not signed in, a password change due,
 * an officer, a failure) leaves the request to Next's page, which answers it as before.
 *
 * The page's script (components/home/direct-page-client.tsx: the layout's 退出登录 and idle guard)
 * is bundled here by esbuild when the server starts, kept in memory and served at
 * /_nianbao/home-<hash>.js (immutable). The page links the stylesheets Next's build links from
 * the root layout. When either cannot be had, GET / stays Next's.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { onlyEnglishZodLocale } from './esbuild-zod-locale.mjs'

const formatHostname = (hostname) => (hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname)

/** The browsers of package.json's browserslist, as esbuild names them. */
const BROWSERS = ['chrome109', 'edge109', 'firefox115', 'safari15.4']

/** The page's script bundled for the browser: { path, body }. */
export async function bundleHomeScript(dir) {
  const { build } = await import('esbuild')
  const result = await build({
    absWorkingDir: dir,
    entryPoints: [path.join(dir, 'components/home/direct-page-client.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: BROWSERS,
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: path.join(dir, 'tsconfig.json'),
    // ESM builds of dependencies where they have one: they tree-shake.
    mainFields: ['browser', 'module', 'main'],
    plugins: [onlyEnglishZodLocale],
    legalComments: 'none',
    logLevel: 'error',
  })
  const body = Buffer.from(result.outputFiles[0].contents)
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16)
  return { path: `/_nianbao/home-${hash}.js`, body }
}

/**
 * The stylesheets Next links from every page: the root layout's entry CSS of the home page's
 * client reference manifest (app/layout's globals.css), as `/_next/static/…` addresses.
 */
export function layoutStyles(distDir) {
  const file = path.join(distDir, 'server', 'app', 'page_client-reference-manifest.js')
  const sandbox = { self: {}, globalThis: {} }
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST["/page"].
  new Function('globalThis', 'self', readFileSync(file, 'utf8'))(sandbox.globalThis, sandbox.self)
  const manifest = sandbox.globalThis.__RSC_MANIFEST?.['/page']
  const css = manifest?.entryCSSFiles ?? {}
  const key = Object.keys(css).find((k) => /(^|\/)app\/layout$/.test(k))
  if (!key) return []
  return css[key].map((entry) => `/_next/${typeof entry === 'string' ? entry : entry.path}`)
}

/** Whether a GET / is a page load of ours: not Next's client navigation or prefetch (RSC). */
function isPageLoad(req) {
  const h = req.headers
  return !h.rsc && !h['next-router-prefetch'] && !h['next-router-state-tree'] && h.purpose !== 'prefetch'
}

/** `/` or `/?…` without `_rsc`: the home page's address. */
function isHome(url) {
  if (url === '/') return true
  return url.startsWith('/?') && !/[?&]_rsc=/.test(url)
}

/**
 * A dispatcher: (req, res) => a promise when it takes the request, else null (Next's turn).
 * `fallback(req, res)` is Next's handler, for the answers the page leaves to Next.
 */
export async function homeRoute({ dir, hostname, port, fallback }) {
  const distDir = path.resolve(dir, process.env.NEXT_DIST_DIR || '.next')
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8'))
  const headerRules = (manifest.headers ?? []).map((rule) => ({ regex: new RegExp(rule.regex), headers: rule.headers }))
  const homeHeaders = headerRules.filter((rule) => rule.regex.test('/')).flatMap((rule) => rule.headers)
  const scriptHeaders = headerRules
    .filter((rule) => rule.regex.test('/_nianbao/home.js'))
    .flatMap((rule) => rule.headers)
  let script
  let styles
  try {
    script = await bundleHomeScript(dir)
    styles = layoutStyles(distDir)
    if (styles.length === 0) throw new Error('no stylesheet of app/layout in the build')
  } catch (error) {
    console.error(`GET / through Next's page renderer: ${error instanceof Error ? error.message : String(error)}`)
    return () => null
  }
  const require = createRequire(path.join(distDir, 'server', 'app'))
  let handler = null
  const loadHandler = async () => {
    if (!handler) {
      const { routeModule } = require(path.join(distDir, 'server', 'app', 'api', 'home-page', 'route.js'))
      await routeModule.ensureUserland()
      if (typeof routeModule.userland.GET !== 'function') throw new Error('app/api/home-page has no GET')
      handler = routeModule.userland.GET
    }
    return handler
  }

  return (req, res) => {
    const url = req.url ?? ''
    if (req.method === 'GET' && url === script.path) return serveScript(res)
    // Signed out (no cookie at all): Next's redirect to /sign-in, without a session lookup here.
    if (req.method !== 'GET' || !isHome(url) || !req.headers.cookie || !isPageLoad(req)) return null
    return answer(req, res)
  }

  async function serveScript(res) {
    res.statusCode = 200
    for (const { key, value } of scriptHeaders) res.setHeader(key, value)
    res.setHeader('content-type', 'text/javascript; charset=utf-8')
    res.setHeader('cache-control', 'public, max-age=31536000, immutable')
    res.setHeader('content-length', script.body.length)
    res.end(script.body)
  }

  async function answer(req, res) {
    const get = await loadHandler()
    // As Next builds it (next-server attachRequestMeta): its own host and port, the client's scheme.
    const protocol = String(req.headers['x-forwarded-proto'] ?? '').includes('https') ? 'https' : 'http'
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v)
      else if (value !== undefined) headers.set(key, value)
    }
    const request = new Request(`${protocol}://${formatHostname(hostname)}:${port}${req.url}`, { headers })
    const response = await get(request, { params: Promise.resolve({ script: script.path, styles }) })
    if (response.status !== 200) return fallback(req, res)
    const body = Buffer.from(await response.arrayBuffer())
    res.statusCode = 200
    for (const { key, value } of homeHeaders) res.setHeader(key, value)
    for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value)
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader('set-cookie', cookies)
    res.setHeader('content-length', body.length)
    res.end(body)
  }
}
