#!/usr/bin/env node
/**
 * The production server: Next's request handler behind a plain Node http server of ours, so that
 * the app can see the socket address (under `next start` a route cannot). Every request gets
 * CLIENT_ADDRESS_HEADER set here from the socket (or, behind a trusted proxy, from its
 * X-Forwarded-For), after any copy the client sent is removed. Used by `npm start`, `npm run demo`,
 * the e2e server, the bench and the load test.
 *
 *   node scripts/server.mjs [-p PORT] [-H HOST]     (also PORT, HOSTNAME; defaults 3000, all interfaces)
 */
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import next from 'next'
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from './client-address.mjs'
import { directRoutes } from './direct-routes.mjs'

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

process.env.NODE_ENV ??= 'production'
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port })
const handle = app.getRequestHandler()
await app.prepare()
// The autosave (PATCH /api/reports/:id) goes straight to its route handler (scripts/direct-routes.mjs).
const direct = directRoutes({ dir: process.cwd(), hostname: hostname ?? 'localhost', port })

const server = createServer((req, res) => {
  delete req.headers[CLIENT_ADDRESS_HEADER]
  const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted)
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address
  ;(direct(req, res) ?? handle(req, res)).catch((error) => {
    console.error(error)
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('服务器内部错误')
  })
})
server.listen(port, hostname, () => {
  console.log(`年报 ready on http://${hostname ?? 'localhost'}:${port}`)
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5_000).unref()
  })
}
