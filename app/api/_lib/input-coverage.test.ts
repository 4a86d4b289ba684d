/**
 * Every API route parses its input with zod: each exported handler is route({…}) from
 * api-route.ts, declaring its path, query and body schemas (or none), and no route file touches
 * the raw request. Read from the file tree and the syntax tree, so a new route is held to it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { routeDeclarations } from '@/test/ast-checks'
import { routeFiles } from '@/test/app-files'

const root = path.resolve(__dirname, '../../..')

/** better-auth answers its own endpoints (sign-in, sign-out, change-password). */
const OWN_PARSER = new Set(['app/api/auth/[...all]/route.ts'])

describe('API input', () => {
  const files = routeFiles().filter((f) => !OWN_PARSER.has(f))

  it('finds the routes', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it.each(files)('%s declares and parses its input through route()', (file) => {
    const declarations = routeDeclarations(
      file,
      readFileSync(path.join(root, file), 'utf8'),
      '@/app/api/_lib/api-route',
    )
    expect(declarations.length, 'exports no handler').toBeGreaterThan(0)
    for (const d of declarations) {
      expect(d.problems, d.method).toEqual([])
      // A dynamic segment reaches the handler only through a params schema.
      if (file.includes('[')) expect(d.inputs, `${d.method} params`).toContain('params')
      // A GET takes no body.
      if (d.method === 'GET') expect(d.inputs, `${d.method} reads no body`).not.toContain('body')
    }
  })
})
