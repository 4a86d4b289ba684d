import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts', 'bin/**/*.test.ts', 'prisma/**/*.test.ts'],
    testTimeout: 30_000,
    globalSetup: ['lib/testing/global-setup.ts'],
  },
})
