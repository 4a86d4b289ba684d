/**
 * The load test's simulated users send their timed requests through Node's own HTTP client with
 * keep-alive, not the global fetch (undici): fetch cost the load generator about 2 ms of CPU per
 * request on our 2-core machines, a third of a core at 170 requests/s, taken from the very cores
 * the server under test runs on (docs/decisions/1020-load-generator-http-client.md). Same shape
 * as fetch for what the load test reads: the promise resolves at the answer's headers (the
 * latency measured is unchanged in meaning), the body is read at once so the connection is free
 * for the next request, and a failed request rejects as fetch does ("fetch failed", with the
 * socket's error as `cause`, e.g. ECONNREFUSED while the server restarts).
 */
import http from 'node:http'

export interface LeanResponse {
  status: number
  ok: boolean
  headers: http.IncomingHttpHeaders
  text(): Promise<string>
  json(): Promise<unknown>
  arrayBuffer(): Promise<Buffer>
}

/**
 * A simulated user's own connection, kept between its requests, as a browser keeps its
 * connection to the server: an officer's autosaves reach the server process its connection was
 * handed to (scripts/server.mjs, node:cluster), as they do from a real editor. One pool shared
 * by all users (fetch's) sent each request down whichever connection was free, so one officer's
 * saves went to every server process in turn, which no browser does.
 */
export function userAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 })
}

/** For requests of nobody in particular (the public readers): one shared pool. */
const sharedAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })

export function leanFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  agent: http.Agent = sharedAgent,
): Promise<LeanResponse> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body)
    const headers = { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) }
    const req = http.request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
      const chunks: Buffer[] = []
      const whole = new Promise<Buffer>((done, fail) => {
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.once('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
        res.once('error', fail)
      })
      // A body nobody reads must not fail the run: it is awaited only by its readers.
      whole.catch(() => undefined)
      const status = res.statusCode ?? 0
      resolve({
        status,
        ok: status >= 200 && status < 300,
        headers: res.headers,
        arrayBuffer: () => whole,
        text: async () => (await whole).toString('utf8'),
        json: async () => JSON.parse((await whole).toString('utf8')),
      })
    })
    req.once('error', (cause) => reject(Object.assign(new TypeError('fetch failed'), { cause })))
    req.end(body)
  })
}
