/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build folder lets benchmarks and profiling run beside a development build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // forbidden() renders app/forbidden.tsx with status 403.
  experimental: { authInterrupts: true },
}
module.exports = nextConfig
