/**
 * Every route and page checks access on the server: a new route or page without a guard fails
 * here before it can serve anyone's report. The check reads the syntax tree: an exported handler
 * must call a guard imported from lib/auth/guards (a comment or a string naming one does not
 * count). The matrix e2e test proves what the guards answer.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { appFiles } from '@/test/app-files'
import { guardCalls, HTTP_METHODS } from '@/test/ast-checks'

const root = path.resolve(__dirname, '../..')

/** Public on purpose: better-auth's own endpoints, the sign-in page, the published rule list. */
const PUBLIC = new Set(['app/api/auth/[...all]/route.ts', 'app/sign-in/page.tsx', 'app/rules/page.tsx'])
/**
 * The public column (decision 0301): read-only, no session, and it reads only published
 * versions (lib/services/public-column.ts; its tests prove unpublished reports answer 404).
 */
const isPublic = (file: string) => PUBLIC.has(file) || file.startsWith('app/gk/')

const GUARDS = '@/lib/auth/guards'
const API_GUARDS = [
  'apiUser',
  'apiListReader',
  'apiSignedIn',
  'apiReportAccess',
  'apiReportRowAccess',
  'apiAgencyAccess',
  'apiGlobal',
]
const PAGE_GUARDS = ['requireUser', 'requireReportAccess', 'requireGlobal']

const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

describe('access guards', () => {
  const routes = appFiles(path.join(root, 'app'), /^route\.ts$/).filter((f) => !isPublic(f))
  const pages = appFiles(path.join(root, 'app'), /^page\.tsx$/).filter((f) => !isPublic(f))

  it('finds the routes and pages', () => {
    expect(routes.length).toBeGreaterThan(10)
    expect(pages.length).toBeGreaterThan(5)
  })

  it.each(routes)('%s: every handler calls a guard before answering', (file) => {
    const handlers = guardCalls(file, read(file), HTTP_METHODS, GUARDS, API_GUARDS)
    expect(Object.keys(handlers).length, 'exports no handler').toBeGreaterThan(0)
    for (const [method, calls] of Object.entries(handlers)) expect(calls, method).not.toEqual([])
  })

  it.each(pages)('%s: the page calls a guard before rendering', (file) => {
    const { default: calls } = guardCalls(file, read(file), ['default'], GUARDS, PAGE_GUARDS)
    expect(calls, 'no default export').toBeDefined()
    expect(calls).not.toEqual([])
  })
})
