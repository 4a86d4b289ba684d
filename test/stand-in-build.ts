/**
 * A stand-in for what `next build` leaves in .next, for the direct dispatchers of scripts/
 * (direct-routes.mjs, public-routes.mjs): a routes manifest with header rules as next.config.js
 * makes them, and one route module whose handler is the given source, served by a node:http
 * server that hands each request to the dispatcher and answers 299 ("Next") when it declines.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A header rule of the routes manifest, as Next writes it from next.config.js's headers(). */
export interface ManifestHeaderRule {
  source: string
  headers: { key: string; value: string }[]
  regex: string
}

/** next.config.js's rule for every path, with the given headers. */
export const everyPath = (headers: { key: string; value: string }[]): ManifestHeaderRule => ({
  source: '/:path*',
  headers,
  regex: '^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$',
})

/** A dispatcher of scripts/: a promise when it answers, else null (Next's turn). */
export type Dispatcher = (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | null

export interface StandInBuild {
  /** The folder holding .next. */
  dir: string
  /** http://127.0.0.1:<port> of the server in front of the dispatcher. */
  base: string
  close(): Promise<void>
}

/** The status the server answers when the dispatcher leaves a request to Next. */
export const NEXT_STATUS = 299

export async function standInBuild(options: {
  /** The route's folder under .next/server/app, e.g. ['api', 'reports', '[id]']. */
  route: string[]
  /** The route module's handler: `method` exported by its userland, `body` its code (request, context). */
  method: 'GET' | 'PATCH'
  body: string
  headers: ManifestHeaderRule[]
  /** The dispatcher over the build's folder. */
  dispatcher: (dir: string) => Dispatcher
  /** Runs on each request before the dispatcher (as scripts/server.mjs sets its own headers). */
  before?: (req: IncomingMessage) => void
}): Promise<StandInBuild> {
  const dir = mkdtempSync(path.join(tmpdir(), 'stand-in-build-'))
  const routeDir = path.join(dir, '.next', 'server', 'app', ...options.route)
  mkdirSync(routeDir, { recursive: true })
  writeFileSync(path.join(dir, '.next', 'routes-manifest.json'), JSON.stringify({ headers: options.headers }))
  writeFileSync(
    path.join(routeDir, 'route.js'),
    `module.exports = { routeModule: { async ensureUserland() {}, userland: { async ${options.method}(request, context) {
      ${options.body}
    } } } }`,
  )
  const dispatch = options.dispatcher(dir)
  const server = createServer((req, res) => {
    options.before?.(req)
    if (!dispatch(req, res)) {
      res.statusCode = NEXT_STATUS
      res.end('next')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    dir,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise((resolve) => server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
