/**
 * The client address of a request, for the sign-in rate limit and the audit log. The socket's
 * peer is the client, unless the peer is one of our configured reverse proxies
 * (NIANBAO_TRUSTED_PROXIES: addresses or CIDR ranges): then the right-most X-Forwarded-For hop
 * that is not one of them, since everything left of it was written by the client and can be
 * anything. scripts/server.mjs puts the answer in CLIENT_ADDRESS_HEADER, replacing any copy the
 * request came with, and lib/auth/auth.ts keys on that header only.
 */
import { BlockList, isIP } from 'node:net'

export const CLIENT_ADDRESS_HEADER = 'x-nianbao-client-ip'

/** A bare IP address in canonical form (IPv4-mapped IPv6 as IPv4), or null for anything else. */
export function normalizeAddress(value) {
  if (typeof value !== 'string') return null
  let text = value.trim()
  // "[v6]:port" and "[v6]" as some proxies write them, "v4:port" likewise.
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(text)
  if (bracket) text = bracket[1]
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'))
  const kind = isIP(text)
  if (kind === 0) return null
  if (kind === 4) return text
  const lower = text.toLowerCase()
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower)
  return mapped && isIP(mapped[1]) === 4 ? mapped[1] : lower
}

/**
 * The trusted proxies of a comma-separated list ("10.0.0.1, 192.168.0.0/16, ::1"). Entries that
 * are neither an address nor a range are returned in `invalid` so that the server can refuse to
 * start with them.
 */
export function parseTrustedProxies(list) {
  const blocks = new BlockList()
  const invalid = []
  let count = 0
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const slash = entry.indexOf('/')
    const address = normalizeAddress(slash < 0 ? entry : entry.slice(0, slash))
    const prefix = slash < 0 ? null : Number(entry.slice(slash + 1))
    const family = address && isIP(address) === 6 ? 'ipv6' : 'ipv4'
    const max = family === 'ipv6' ? 128 : 32
    if (!address || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      invalid.push(entry)
      continue
    }
    if (prefix === null) blocks.addAddress(address, family)
    else blocks.addSubnet(address, prefix, family)
    count++
  }
  return { count, invalid, has: (address) => count > 0 && blocks.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') }
}

/**
 * The client address for a socket peer and the request's X-Forwarded-For (Node joins repeated
 * headers with ", "). Returns null only when the peer itself is unknown.
 */
export function clientAddress(peer, forwardedFor, trusted) {
  const socketAddress = normalizeAddress(peer)
  if (!socketAddress) return null
  if (!trusted.has(socketAddress)) return socketAddress
  const hops = typeof forwardedFor === 'string' ? forwardedFor.split(',') : []
  let nearest = socketAddress
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i])
    // A malformed hop was not written by a proxy of ours: the nearest address we know is the answer.
    if (!hop) return nearest
    if (!trusted.has(hop)) return hop
    nearest = hop
  }
  return nearest
}
