import { describe, expect, it } from 'vitest'
import { etagMatches, pageEtag, publicCsp, publicHeaders, publicResponse } from './public-headers'

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
