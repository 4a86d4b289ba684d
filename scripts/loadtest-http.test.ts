import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leanFetch, userAgent } from './loadtest-http'

let server: http.Server
let base = ''
const peers: number[] = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    peers.push(req.socket.remotePort ?? 0)
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      if (req.url === '/missing') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('没有这份年报')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ method: req.method, body, length: req.headers['content-length'] ?? null }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('leanFetch', () => {
  it('sends the method and body and reads the answer as fetch does', async () => {
    const res = await leanFetch(`${base}/x`, { method: 'PATCH', body: '{"changes":["二、上年结转"]}' })
    expect(res.ok).toBe(true)
    expect(res.status).toBe(200)
    const answer = (await res.json()) as { method: string; body: string; length: string }
    expect(answer.method).toBe('PATCH')
    expect(answer.body).toBe('{"changes":["二、上年结转"]}')
    // Content-Length in bytes, not characters.
    expect(Number(answer.length)).toBe(Buffer.byteLength('{"changes":["二、上年结转"]}'))
  })

  it('answers a refusal with its status and text, not an exception', async () => {
    const res = await leanFetch(`${base}/missing`)
    expect(res.ok).toBe(false)
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('没有这份年报')
  })

  it('keeps one connection per user between its requests', async () => {
    const agent = userAgent()
    peers.length = 0
    for (let i = 0; i < 3; i++) await (await leanFetch(`${base}/x`, {}, agent)).arrayBuffer()
    expect(new Set(peers).size).toBe(1)
    agent.destroy()
  })

  it('rejects as fetch does when nothing listens, with the socket error as cause', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const error = await leanFetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e)
    expect((error as Error).message).toBe('fetch failed')
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED')
  })
})
