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
}
module.exports = nextConfig
