import { describe, expect, it } from 'vitest'
import { clientAddress, normalizeAddress, parseTrustedProxies } from './client-address.mjs'

const none = parseTrustedProxies('')
const proxies = parseTrustedProxies('10.0.0.1, 192.168.0.0/16, ::1')

describe('client address', () => {
  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', undefined, none)).toBe('203.0.113.9')
    expect(clientAddress('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9')
    expect(clientAddress('::ffff:203.0.113.9', '1.2.3.4', proxies)).toBe('203.0.113.9')
    expect(clientAddress('127.0.0.1', '1.2.3.4', proxies)).toBe('127.0.0.1')
  })

  it('is the right-most untrusted X-Forwarded-For hop behind trusted proxies', () => {
    expect(clientAddress('10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7')
    // The client wrote the left part: it cannot choose its key.
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.7', proxies)).toBe('198.51.100.7')
    // Two proxies of ours in a row.
    expect(clientAddress('10.0.0.1', '6.6.6.6, 198.51.100.7, 192.168.4.4', proxies)).toBe('198.51.100.7')
    expect(clientAddress('::1', '2001:DB8::7', proxies)).toBe('2001:db8::7')
    expect(clientAddress('10.0.0.1', '[2001:db8::7]:4711', proxies)).toBe('2001:db8::7')
    expect(clientAddress('10.0.0.1', '198.51.100.7:4711', proxies)).toBe('198.51.100.7')
  })

  it('does not let malformed or missing hops collapse every client into one key', () => {
    // Malformed hop left of the proxies' own: the nearest known address, not a shared bucket.
    expect(clientAddress('10.0.0.1', 'garbage, 192.168.1.1', proxies)).toBe('192.168.1.1')
    expect(clientAddress('10.0.0.1', 'not an ip', proxies)).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', '', proxies)).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', undefined, proxies)).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', ' , ', proxies)).toBe('10.0.0.1')
    // Different clients behind the same proxy stay apart.
    expect(clientAddress('10.0.0.1', '198.51.100.8', proxies)).not.toBe(
      clientAddress('10.0.0.1', '198.51.100.7', proxies),
    )
    expect(clientAddress(undefined, '1.2.3.4', proxies)).toBeNull()
  })

  it('reads addresses and ranges and reports entries it cannot', () => {
    expect(normalizeAddress(' 1.2.3.4 ')).toBe('1.2.3.4')
    expect(normalizeAddress('1.2.3')).toBeNull()
    expect(normalizeAddress('999.1.1.1')).toBeNull()
    expect(normalizeAddress('::FFFF:1.2.3.4')).toBe('1.2.3.4')
    const parsed = parseTrustedProxies('10.0.0.0/8, nonsense, 10.0.0.0/40, fd00::/8')
    expect(parsed.invalid).toEqual(['nonsense', '10.0.0.0/40'])
    expect(parsed.count).toBe(2)
    expect(parsed.has('10.9.9.9')).toBe(true)
    expect(parsed.has('11.0.0.1')).toBe(false)
    expect(parsed.has('fd12::1')).toBe(true)
  })
})
