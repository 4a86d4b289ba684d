import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    environment: 'node',
    include: [
      'lib/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bin/**/*.test.ts',
      'prisma/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Every test file gets its own copy of one migrated database (test/setup.ts).
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
  },
})
