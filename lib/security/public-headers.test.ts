import { describe, expect, it } from 'vitest'
import { DIRECT_BODY, etagMatches, pageEtag, publicCsp, publicHeaders, publicResponse } from './public-headers'

describe('public headers', () => {
  it('runs no script and is never framed, unless an embed page names the portal origin', () => {
    const policy = publicCsp()
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]),
    )
    expect(policy).not.toMatch(/script-src|nonce/)
    expect(publicHeaders({ contentType: 'text/html' }).get('x-frame-options')).toBe('DENY')
    const embed = publicHeaders({ contentType: 'text/html', frameAncestors: 'https://www.example.gov.cn' })
    expect(embed.get('content-security-policy')).toContain('frame-ancestors https://www.example.gov.cn')
    expect(embed.get('x-frame-options')).toBeNull()
  })

  it("hands the server's own path the stored bytes themselves, beside a body-less Response", async () => {
    const stored = Buffer.from('<p>年报</p>', 'utf8')
    const direct = (method = 'GET', tag?: string) => {
      const request = new Request('http://x/', { method, headers: tag ? { 'if-none-match': tag } : {} })
      return Object.assign(request, { [DIRECT_BODY]: true })
    }
    const answer = { body: stored, contentType: 'text/html; charset=utf-8', etag: '"a"' }
    const response = publicResponse(direct(), answer) as Response & { [DIRECT_BODY]?: Uint8Array }
    expect(response.status).toBe(200)
    // The very buffer kept in the page cache: no copy.
    expect(response[DIRECT_BODY]).toBe(stored)
    expect(response.body).toBeNull()
    expect(response.headers.get('etag')).toBe('"a"')
    // A page built as text is given as its UTF-8 bytes.
    const text = publicResponse(direct(), { ...answer, body: '<p>撤回</p>', status: 410 }) as Response & {
      [DIRECT_BODY]?: Uint8Array
    }
    expect(Buffer.from(text[DIRECT_BODY] ?? []).toString('utf8')).toBe('<p>撤回</p>')
    // 304 and HEAD carry no bytes; Next's path (no mark) gets the body in the Response.
    expect(
      (publicResponse(direct('GET', '"a"'), answer) as Response & { [DIRECT_BODY]?: Uint8Array })[DIRECT_BODY],
    ).toBeUndefined()
    expect(
      (publicResponse(direct('HEAD'), answer) as Response & { [DIRECT_BODY]?: Uint8Array })[DIRECT_BODY],
    ).toBeUndefined()
    expect(await publicResponse(new Request('http://x/'), answer).text()).toBe('<p>年报</p>')
  })

  it('answers 304 for a matching If-None-Match, weak or strong, in a list', async () => {
    expect(etagMatches('"a", W/"b"', 'W/"b"')).toBe(true)
    expect(etagMatches('W/"a"', '"a"')).toBe(true)
    expect(etagMatches('"c"', '"a"')).toBe(false)
    expect(etagMatches(null, '"a"')).toBe(false)
    const req = (tag?: string) => new Request('http://x/', tag ? { headers: { 'if-none-match': tag } } : {})
    const answer = { body: 'x', contentType: 'text/plain', etag: '"a"' }
    expect(publicResponse(req('"a"'), answer).status).toBe(304)
    expect(publicResponse(req('"b"'), answer).status).toBe(200)
    expect(await publicResponse(req(), answer).text()).toBe('x')
    // A 404 is never turned into a 304.
    expect(publicResponse(req('"a"'), { ...answer, status: 404 }).status).toBe(404)
  })

  it('gives a page ETag that changes with what the page is built from', () => {
    expect(pageEtag([1, 'a'])).toBe(pageEtag([1, 'a']))
    expect(pageEtag([1, 'a'])).not.toBe(pageEtag([1, 'b']))
    expect(pageEtag([1, 'a'])).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/)
  })
})
