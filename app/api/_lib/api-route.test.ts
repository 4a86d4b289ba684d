import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { FORMATS } from '@/lib/format/index'
import { reportSchema } from '@/lib/report/schema'
import { createReportInput } from '@/lib/requests/create-report'
import { reportParams, saveReportInput, transitionInput } from '@/lib/requests/reports'
import { route } from './api-route'
import { HttpError, MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from './respond'

const context = (params: unknown = {}) => ({ params: Promise.resolve(params) })
const post = (body: string | undefined, url = 'http://localhost/api/x') =>
  new Request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
  })

/** Echoes what the handler was given. */
const echo = async (input: unknown) => Response.json(input)

/** No English zod default may reach a user. */
const expectChinese = (text: string) => expect(text).not.toMatch(/Invalid|expected|received|Required/i)

describe('route(): the body', () => {
  const save = route({ params: reportParams, body: saveReportInput, access: async () => 'ok' }, echo)

  it('hands the handler the parsed body, params and the guard’s answer', async () => {
    const res = await save(
      post(JSON.stringify({ baseVersion: 3, report: { sections: {} }, extra: 1 })),
      context({ id: 'r1' }),
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      params: { id: 'r1' },
      body: { baseVersion: 3, report: { sections: {} } },
      access: 'ok',
    })
  })

  it('answers malformed and empty JSON with 400 bad_json', async () => {
    for (const body of ['{"baseVersion": 1, "report": ', '', '   ']) {
      const res = await save(post(body), context({ id: 'r1' }))
      expect(res.status).toBe(400)
      const answer = await res.json()
      expect(answer.error).toBe('bad_json')
      expectChinese(answer.message)
    }
  })

  it('answers a body of the wrong shape with 400 and Chinese messages keyed by path', async () => {
    const res = await save(post(JSON.stringify({ baseVersion: '1', report: 5 })), context({ id: 'r1' }))
    expect(res.status).toBe(400)
    const answer = await res.json()
    expect(answer.error).toBe('bad_request')
    expect(answer.fields).toEqual({ baseVersion: '缺少有效的版本号 baseVersion', report: '保存的内容不是年报数据' })
    expect(answer.message).toContain('baseVersion：缺少有效的版本号')
    expectChinese(answer.message)
  })

  it('words what a schema did not word itself in Chinese, at nested paths', async () => {
    const nested = route(
      {
        body: z.object({ rows: z.array(z.object({ count: z.number(), note: z.string().max(3) })) }),
        access: async () => 0,
      },
      echo,
    )
    const shape = await (await nested(post(JSON.stringify({ rows: [{ count: 'x', note: 'ok' }] })), context())).json()
    expect(shape.fields).toEqual({ 'rows.0.count': '应为数字' })
    const missing = await (await nested(post(JSON.stringify({ rows: [{ note: 'ok' }] })), context())).json()
    expect(missing.fields).toEqual({ 'rows.0.count': '缺少此项' })
    const root = await nested(post('[1, 2]'), context())
    expect(root.status).toBe(400)
    const rootAnswer = await root.json()
    expect(rootAnswer.message).toContain('应为一组内容')
    expect(rootAnswer.fields).toBeUndefined()
    const long = await nested(post(JSON.stringify({ rows: [{ count: 1, note: 'abcd' }] })), context())
    expect(long.status).toBe(422)
    expect((await long.json()).fields).toEqual({ 'rows.0.note': '不能超过3个字' })
  })

  it('answers a value that breaks a rule with 422 invalid, for the form to show at the field', async () => {
    const create = route({ body: createReportInput, access: async () => 0 }, echo)
    const res = await create(post(JSON.stringify({ formatVersion: '2021', year: 2018 })), context())
    expect(res.status).toBe(422)
    const answer = await res.json()
    expect(answer).toMatchObject({ error: 'invalid', fields: { year: expect.stringContaining('不早于2019年') } })
    expectChinese(answer.message)
  })

  it('refuses a body over 5 MB with 413, whatever its declared length', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1)
    const res = await save(post(big), context({ id: 'r1' }))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: 'too_large', message: expect.stringContaining('5MB') })
    const declared = new Request('http://localhost/api/x', {
      method: 'POST',
      body: '{}',
      headers: {
        'content-length': String(MAX_BODY_BYTES + 1),
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
      },
    })
    expect((await save(declared, context({ id: 'r1' }))).status).toBe(413)
  })

  it('refuses JSON nested 100,000 deep with 400 bad_json in Chinese, before parsing it', async () => {
    for (const depth of [4_000, 100_000]) {
      const deep = `{"baseVersion":1,"report":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`
      const res = await save(post(deep), context({ id: 'r1' }))
      expect(res.status).toBe(400)
      const answer = await res.json()
      expect(answer).toMatchObject({ error: 'bad_json', message: expect.stringContaining('嵌套层级过深') })
    }
  })

  it('takes a larger body where the route declares a larger limit (uploads: 20 MB)', async () => {
    const upload = route(
      { body: z.object({ file: z.string() }), maxBodyBytes: MAX_UPLOAD_BYTES, access: async () => 'ok' },
      async ({ body }) => Response.json({ length: body.file.length }),
    )
    const six = 'x'.repeat(6 * 1024 * 1024)
    expect(await (await upload(post(JSON.stringify({ file: six })), context())).json()).toEqual({ length: six.length })
    const res = await upload(post(JSON.stringify({ file: 'x'.repeat(MAX_UPLOAD_BYTES) })), context())
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: 'too_large', message: expect.stringContaining('20MB') })
  })

  it('runs the guard before reading the body: a refused caller learns nothing about it', async () => {
    const guarded = route(
      {
        body: transitionInput,
        access: async () => {
          throw new HttpError(401, 'unauthenticated', '请先登录。')
        },
      },
      echo,
    )
    const res = await guarded(post('not json'), context())
    expect(res.status).toBe(401)
    expect((await res.json()).error).toBe('unauthenticated')
  })
})

describe('route(): where a state-changing request comes from, and its body', () => {
  let ran = 0
  const counted = route({ body: transitionInput, access: async () => ran++ }, echo)
  const bodiless = route({ access: async () => ran++ }, async () => new Response(null, { status: 204 }))
  const send = (
    headers: Record<string, string>,
    method = 'POST',
    body: string | null = '{"transition":"submit","baseVersion":1}',
  ) => new Request('http://localhost:3000/api/x', { method, body, headers })
  const json = { 'content-type': 'application/json' }

  it('refuses a foreign Origin, another port of the host, a cross-site fetch and a request naming neither', async () => {
    const refused = [
      { ...json, origin: 'http://evil.example' },
      { ...json, origin: 'http://localhost:4000' },
      { ...json, origin: 'null' },
      { ...json, 'sec-fetch-site': 'same-site' },
      { ...json, 'sec-fetch-site': 'cross-site' },
      { ...json, origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' },
      json,
    ]
    for (const headers of refused) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await counted(send(headers, method), context())
        expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(403)
        const answer = await res.json()
        expect(answer.error).toBe('cross_origin')
        expectChinese(answer.message)
      }
    }
    expect(ran, 'the guard never ran').toBe(0)
  })

  it('accepts our own Origin or Sec-Fetch-Site same-origin', async () => {
    for (const headers of [
      { ...json, origin: 'http://localhost:3000' },
      { ...json, 'sec-fetch-site': 'same-origin' },
    ]) {
      expect((await counted(send(headers), context())).status).toBe(200)
    }
  })

  it('takes BETTER_AUTH_URL as our origin when it is set', async () => {
    const saved = process.env.BETTER_AUTH_URL
    process.env.BETTER_AUTH_URL = 'https://nianbao.example.gov.cn/'
    try {
      expect((await counted(send({ ...json, origin: 'http://localhost:3000' }), context())).status).toBe(403)
      expect((await counted(send({ ...json, origin: 'https://nianbao.example.gov.cn' }), context())).status).toBe(200)
    } finally {
      if (saved === undefined) delete process.env.BETTER_AUTH_URL
      else process.env.BETTER_AUTH_URL = saved
    }
  })

  it('refuses a body that is not declared JSON with 415, before the guard', async () => {
    ran = 0
    const origin = 'http://localhost:3000'
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers: Record<string, string> = type ? { origin, 'content-type': type } : { origin }
      const res = await counted(send(headers), context())
      expect(res.status, type).toBe(415)
      expectChinese((await res.json()).message)
    }
    // A route without a body refuses a form post too, and takes a bare POST.
    expect((await bodiless(send({ origin, 'content-type': 'text/plain' }, 'POST', 'a=1'), context())).status).toBe(415)
    expect((await bodiless(send({ origin }, 'POST', null), context())).status).toBe(204)
    expect((await counted(send({ origin, 'content-type': 'application/json; charset=utf-8' }), context())).status).toBe(
      200,
    )
    expect(ran).toBe(2)
  })

  it('lets a GET through without an Origin', async () => {
    const read = route({ access: async () => 'ok' }, echo)
    expect((await read(new Request('http://localhost:3000/api/x'), context())).status).toBe(200)
  })
})

describe('route(): query and path', () => {
  const query = z.object({ version: z.string().regex(/^\d+$/, { error: '版本号无效' }).optional() })
  const read = route({ params: reportParams, query, access: async ({ query }) => query }, echo)

  it('parses the query (first value of a key) and passes it to the guard', async () => {
    const res = await read(new Request('http://localhost/api/x?version=2&version=3&other=1'), context({ id: 'r' }))
    expect(await res.json()).toEqual({ params: { id: 'r' }, query: { version: '2' }, access: { version: '2' } })
  })

  it('answers a query that is not the declared one with 400 bad_request', async () => {
    const res = await read(new Request('http://localhost/api/x?version=abc'), context({ id: 'r' }))
    expect(res.status).toBe(400)
    const answer = await res.json()
    expect(answer).toMatchObject({ error: 'bad_request', fields: { version: '版本号无效' } })
    expectChinese(answer.message)
  })

  it('answers a path segment that cannot be one with 404', async () => {
    const res = await read(new Request('http://localhost/api/x'), context({ id: '' }))
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ error: 'not_found', message: '年报不存在或已被删除' })
  })
})

describe('Chinese for every zod parse in the process', () => {
  it('the services’ own schemas word unexpected shapes in Chinese too', () => {
    const parsed = reportSchema(FORMATS['2021'], 'draft').safeParse({
      formatVersion: '2021',
      year: 2024,
      agency: { name: '某某局', type: 'department' },
      sections: 5,
    })
    expect(parsed.success).toBe(false)
    for (const issue of parsed.error?.issues ?? []) expectChinese(issue.message)
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['sections'], message: '应为一组内容' })
  })
})

describe('route(): our origin without BETTER_AUTH_URL', () => {
  it('is the host the client addressed (Host), not the name the server gives itself', async () => {
    const echoed = route({ access: async () => 'ok' }, async () => new Response(null, { status: 204 }))
    const at = (origin: string) =>
      new Request('http://localhost:3114/api/x', { method: 'POST', headers: { host: '127.0.0.1:3114', origin } })
    expect((await echoed(at('http://127.0.0.1:3114'), context())).status).toBe(204)
    expect((await echoed(at('http://localhost:3114'), context())).status).toBe(403)
  })
})
