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
      // The portal's frame of the column (app/gk/[gov]/embed) names its own frame-ancestors.
      { source: '/:path((?!api/reports/[^/]+/html$|gk/[^/]+/embed$).*)', headers: NO_FRAMING },
    ]
  },
}
module.exports = nextConfig
