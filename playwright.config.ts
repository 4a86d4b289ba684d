import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)
// The e2e server's own database, recreated on each run (e2e/global-setup.ts).
const DATABASE_URL =
  process.env.E2E_DATABASE_URL ?? (process.env.DB_PROVIDER === 'postgresql' ? pgE2eUrl() : 'file:./prisma/e2e.db')

// The workers (tests that read the database, e2e/global-setup.ts's E2E_DATABASE_URL) use the same.
process.env.E2E_DATABASE_URL = DATABASE_URL

/** nianbao_e2e on the server of DATABASE_URL (not a fixed port: CI may run its own cluster). */
function pgE2eUrl() {
  const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:55432/nianbao')
  url.pathname = '/nianbao_e2e'
  url.search = ''
  return url.toString()
}

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // API calls through a context's `request` name our origin, as the app's own pages do.
    extraHTTPHeaders: { origin: `http://127.0.0.1:${PORT}` },
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's chromium: Playwright's own download is unreachable here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // Needs `next build` first (npm test builds). The database is recreated before the server
    // starts: see e2e/global-setup.ts for why this is not Playwright's globalSetup.
    command: `npx tsx --conditions=react-server e2e/global-setup.ts && node scripts/server.mjs -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL,
      E2E_DATABASE_URL: DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: '1',
      CHECKPOINT_DISABLE: '1',
      // Plain http and the development secret (lib/auth/auth.ts): a test server, never production.
      NIANBAO_DEMO: '1',
      // The tests stand for many clients behind one reverse proxy on loopback: each sends its own
      // X-Forwarded-For (e2e/accounts.ts), so that they never share a sign-in limit. A test that
      // needs an untrusted peer connects from 127.0.0.2 (e2e/throttle.spec.ts).
      NIANBAO_TRUSTED_PROXIES: '127.0.0.1',
    },
  },
})
