#!/usr/bin/env node
/**
 * The production server: Next's request handler behind a plain Node http server of ours, so that
 * the app can see the socket address (under `next start` a route cannot). Every request gets
 * CLIENT_ADDRESS_HEADER set here from the socket (or, behind a trusted proxy, from its
 * X-Forwarded-For), after any copy the client sent is removed. Used by `npm start`, `npm run demo`,
 * the e2e server, the bench and the load test.
 *
 * With NIANBAO_WORKERS=N (or `auto`: one per core) it runs N worker processes sharing the port
 * (node:cluster: this process accepts the connections and hands them to the workers in turn),
 * so that one instance uses more than one core (docs/decisions/0210-worker-processes.md). A
 * worker that dies is started again. Unset or 1: one process, as before.
 *
 *   node scripts/server.mjs [-p PORT] [-H HOST]     (also PORT, HOSTNAME; defaults 3000, all interfaces)
 */
import cluster from 'node:cluster'
import { createServer } from 'node:http'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from './client-address.mjs'
import { startStallMonitor } from './stall-monitor.mjs'

const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  allowPositionals: false,
})
const port = Number(values.port ?? process.env.PORT ?? 3000)
const hostname = values.hostname ?? process.env.HOSTNAME ?? undefined

const trusted = parseTrustedProxies(process.env.NIANBAO_TRUSTED_PROXIES)
if (trusted.invalid.length) {
  console.error(`NIANBAO_TRUSTED_PROXIES: not an address or CIDR range: ${trusted.invalid.join(', ')}`)
  process.exit(2)
}

/** NIANBAO_WORKERS: a whole number from 1 to 64, or `auto` (one per core); unset: 1. */
function workerCount(value) {
  if (value === undefined || value.trim() === '') return 1
  if (value.trim() === 'auto') return availableParallelism()
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    console.error(`NIANBAO_WORKERS: not a number of processes from 1 to 64, nor "auto": ${value}`)
    process.exit(2)
  }
  return n
}

/** The exit code of a process that found the database behind the code (EX_CONFIG). */
const SCHEMA_BEHIND = 78

const workers = workerCount(process.env.NIANBAO_WORKERS)
if (cluster.isPrimary && workers > 1) await primary(workers)
else await serve()

/** Starts the workers, starts again one that dies, and stops them all on SIGINT/SIGTERM. */
async function primary(count) {
  // Connections are handed out in turn by this process (the default everywhere but Windows).
  cluster.schedulingPolicy = cluster.SCHED_RR
  // V8 flags for the workers only (NIANBAO_WORKER_V8_FLAGS, e.g. `--single-threaded-gc`), for
  // A/B runs of the garbage collector's settings (decision 0690).
  const v8Flags = (process.env.NIANBAO_WORKER_V8_FLAGS ?? '').split(/\s+/).filter((f) => f.startsWith('--'))
  if (v8Flags.length) cluster.setupPrimary({ execArgv: [...process.execArgv, ...v8Flags] })
  startStallMonitor('primary')
  let stopping = false
  let ready = 0
  const fork = () => {
    const worker = cluster.fork()
    worker.once('listening', () => {
      if (++ready === count) console.log(`年报 ready on http://${hostname ?? 'localhost'}:${port} (${count} workers)`)
    })
  }
  for (let i = 0; i < count; i++) fork()
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // process.exitCode: 0, or SCHEMA_BEHIND when a worker found the database behind the code.
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit()
      return
    }
    if (code === SCHEMA_BEHIND) {
      // Every worker would find the same: stop, as a single process does (the worker said why).
      stopping = true
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM')
      process.exitCode = SCHEMA_BEHIND
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(SCHEMA_BEHIND)
      return
    }
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`)
    ready--
    setTimeout(fork, 500).unref()
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      setTimeout(() => process.exit(0), 10_000).unref()
    })
  }
}

async function serve() {
  startStallMonitor(cluster.isPrimary ? 'server' : 'worker')
  const { default: next } = await import('next')
  const { directRoutes } = await import('./direct-routes.mjs')
  const { publicRoutes } = await import('./public-routes.mjs')
  const { homeRoute } = await import('./home-route.mjs')
  process.env.NODE_ENV ??= 'production'
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port })
  const handle = app.getRequestHandler()
  await app.prepare()
  // The autosave (PATCH /api/reports/:id) goes straight to its route handler (scripts/direct-routes.mjs).
  const direct = directRoutes({ dir: process.cwd(), hostname: hostname ?? 'localhost', port })
  // The public column (/gk) likewise straight to its route handlers (scripts/public-routes.mjs, decision 0400).
  const publicColumn = publicRoutes({ dir: process.cwd(), hostname: hostname ?? 'localhost', port, fallback: handle })
  // A signed-in GET / as one string from lib/ (scripts/home-route.mjs, decision 0610); else Next's page.
  const home = await homeRoute({ dir: process.cwd(), hostname: hostname ?? 'localhost', port, fallback: handle })

  // A database without the code's migrations would fail page by page: refuse to start, say what
  // to run (decision 0910). A failure of the check itself is logged and the server serves.
  const behind = await direct.schemaBehind().catch((error) => {
    console.error('schema check failed (serving anyway):', error)
    return null
  })
  if (behind) {
    console.error(behind)
    process.exit(SCHEMA_BEHIND)
  }

  // Warm before listening (decision 0710): the first autosaves after a start would otherwise run
  // cold code on a cold pool. A failure is logged and the server serves anyway.
  if (process.env.NIANBAO_WARMUP_ROUNDS !== '0') {
    const started = performance.now()
    try {
      const done = await direct.warm()
      if (process.env.NIANBAO_WARMUP_LOG === '1')
        console.error(`${done}; ${(performance.now() - started).toFixed(0)} ms in all`)
    } catch (error) {
      console.error('warm-up failed (serving anyway):', error)
    }
  }

  const server = createServer((req, res) => {
    delete req.headers[CLIENT_ADDRESS_HEADER]
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted)
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address
    ;(direct(req, res) ?? publicColumn(req, res) ?? home(req, res) ?? handle(req, res)).catch((error) => {
      console.error(error)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('服务器内部错误')
    })
  })
  // An idle keep-alive connection is kept longer than a reverse proxy or a client keeps it
  // (Node closes it after 5 s): else a request sent on it as the server closes it fails.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  server.listen(port, hostname, () => {
    if (cluster.isPrimary) console.log(`年报 ready on http://${hostname ?? 'localhost'}:${port}`)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close(() => process.exit(0))
      setTimeout(() => process.exit(0), 5_000).unref()
    })
  }
}
