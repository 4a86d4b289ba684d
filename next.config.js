/**
 * Headers of every answer, pages and API alike (docs/security.md, finding 9). Pages add their
 * nonce-based Content-Security-Policy in proxy.ts; both policies apply. The answers that may be
 * framed are the HTML document's inline preview (by our own preview page): it sets its own
 * frame-ancestors 'self' (app/api/_lib/document.ts), and the column framed by the government's
 * portal (/gk/{gov}/embed, decision 0320): both are left out of the no-framing pair here.
 */
const EVERY_ANSWER = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
]
/**
 * The public column (/gk, decision 0301) runs no script: one fixed policy, no nonce (proxy.ts
 * skips it). Its routes set the same (lib/security/public-headers.ts; headers.test.ts checks the
 * two agree); here it also covers Next's own 404 below /gk. The embeddable page
 * (/gk/{gov}/embed) sets its own frame-ancestors and is left out.
 */
const PUBLIC_COLUMN = [
  {
    key: 'Content-Security-Policy',
    value:
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  },
  { key: 'X-Frame-Options', value: 'DENY' },
]
const NO_FRAMING = [
  { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
  { key: 'X-Frame-Options', value: 'DENY' },
]

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Responses are compressed by the reverse proxy in front (docs/production.md), not here: gzip
  // in the app cost about 8% of its CPU under load, most of it on small JSON autosave answers.
  compress: false,
  // A separate build folder lets benchmarks and profiling run beside a development build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: '/:path*', headers: EVERY_ANSWER },
      { source: '/:path((?!api/reports/[^/]+/html$|gk/).*)', headers: NO_FRAMING },
      { source: '/gk/:path((?![^/]+/embed$).*)', headers: PUBLIC_COLUMN },
    ]
  },
}
module.exports = nextConfig
