/**
 * Once per test run, before any test module loads (so no test depends on which module opens the
 * database first): migrates the template database every test file copies (test/setup.ts), and
 * builds the command-line bundle when it is missing or older than its sources (the CLI tests
 * spawn bin/nianbao.js, which runs the compiled bundle).
 */
import type { TestProject } from 'vitest/node'
import { ensureCliBuild } from '@/scripts/build-cli'
import { templateTestDatabase } from './database'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  await ensureCliBuild()
  const template = await templateTestDatabase()
  project.provide('templateDatabaseUrl', template.url)
  return () => template.drop()
}
