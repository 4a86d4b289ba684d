/**
 * Once per test run: migrates the template database every test file copies (test/setup.ts).
 * Before any test module loads, so no test depends on which module opens the database first.
 */
import type { TestProject } from 'vitest/node'
import { templateTestDatabase } from './database'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const template = await templateTestDatabase()
  project.provide('templateDatabaseUrl', template.url)
  return () => template.drop()
}
