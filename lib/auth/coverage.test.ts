/**
 * Every route and page checks access on the server: a new route or page without a guard fails
 * here before it can serve anyone's report. The matrix e2e test proves what the guards answer.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')

function files(dir: string, name: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) out.push(...files(full, name))
    else if (entry === name) out.push(path.relative(root, full))
  }
  return out
}

/** Public on purpose: better-auth's own endpoints, the sign-in page, the published rule list. */
const PUBLIC = new Set(['app/api/auth/[...all]/route.ts', 'app/sign-in/page.tsx', 'app/rules/page.tsx'])

const API_GUARD = /\b(apiUser|apiReportAccess|apiAgencyAccess|apiGlobal|documentResponse)\(/
const PAGE_GUARD = /\b(requireUser|requireReportAccess|requireGlobal)\(/

describe('access guards', () => {
  const routes = files(path.join(root, 'app'), 'route.ts').filter((f) => !PUBLIC.has(f))
  const pages = files(path.join(root, 'app'), 'page.tsx').filter((f) => !PUBLIC.has(f))

  it.each(routes)('%s checks the user before answering', (file) => {
    expect(readFileSync(path.join(root, file), 'utf8')).toMatch(API_GUARD)
  })

  it.each(pages)('%s checks the user before rendering', (file) => {
    expect(readFileSync(path.join(root, file), 'utf8')).toMatch(PAGE_GUARD)
  })

  it('the document routes go through the guarded helper', () => {
    expect(readFileSync(path.join(root, 'app/api/_lib/document.ts'), 'utf8')).toContain(
      "apiReportAccess(id, 'report.export')",
    )
  })
})
