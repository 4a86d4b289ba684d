/**
 * Plain SQL names tables and columns as text; this holds them to prisma/schema.prisma. Every
 * declared table (lib/data/tables.ts) must be a table of the schema with exactly those columns,
 * every quoted identifier in a sql`…` statement of lib/data must be a table or a column of the
 * schema (or a name the statement itself defines), and nothing outside lib/data runs SQL.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { declared } from './table'
import { ALL_TABLES } from './tables'

const root = path.resolve(__dirname, '../..')

/** Tables of the schema (by database name) with their columns (by database name). */
function schemaTables(schema: string): Map<string, Set<string>> {
  const blocks = [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)]
  const models = new Set(blocks.map((b) => b[1]))
  const tables = new Map<string, Set<string>>()
  for (const [, model, body] of blocks) {
    const columns = new Set<string>()
    let table = model
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim()
      const mapped = /^@@map\("([^"]+)"\)/.exec(line)
      if (mapped) table = mapped[1]
      const field = /^(\w+)\s+(\w+)/.exec(line)
      // A relation field (its type is a model) is no column.
      if (!field || models.has(field[2])) continue
      columns.add(/@map\("([^"]+)"\)/.exec(line)?.[1] ?? field[1])
    }
    tables.set(table, columns)
  }
  return tables
}

/** The text of every sql`…` template in a TypeScript source (the parts around its ${…}). */
function sqlTemplates(source: string): string[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true)
  const out: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'sql') {
      const t = node.template
      out.push(
        ts.isNoSubstitutionTemplateLiteral(t)
          ? t.text
          : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)].join(' ? '),
      )
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return out
}

/** The quoted identifiers of statements that are neither tables nor columns of the schema. */
function unknownIdentifiers(statements: readonly string[], tables: Map<string, Set<string>>): string[] {
  const known = new Set<string>()
  for (const [table, columns] of tables) {
    known.add(table)
    for (const c of columns) known.add(c)
  }
  // Names a statement defines: a CTE (WITH "tree", or a later one: , "b" AS (), an output column (AS "n").
  const defined = new Set(
    statements.flatMap((s) => [
      ...[...s.matchAll(/\b(?:WITH(?:\s+RECURSIVE)?|AS)\s+"(\w+)"/gi)].map((m) => m[1]),
      ...[...s.matchAll(/,\s*"(\w+)"\s+AS\s+\(/gi)].map((m) => m[1]),
      // A CTE's column list: WITH RECURSIVE "tree"("id", "depth") AS (…).
      ...[...s.matchAll(/"\w+"\s*\(([^()]*)\)\s*AS\s*\(/gi)].flatMap((m) =>
        [...m[1].matchAll(/"(\w+)"/g)].map((c) => c[1]),
      ),
    ]),
  )
  const used = statements.flatMap((s) => [...s.matchAll(/"(\w+)"/g)].map((m) => m[1]))
  return [...new Set(used.filter((name) => !known.has(name) && !defined.has(name)))]
}

const tables = schemaTables(readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'))
const dataDir = path.join(root, 'lib/data')
const dataModules = readdirSync(dataDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
  })
}

describe('plain SQL against prisma/schema.prisma', () => {
  it('reads the schema: tables by their database name, columns without the relation fields', () => {
    expect(tables.get('user')).toContain('isAdmin')
    expect(tables.get('Report')).toContain('content')
    expect(tables.get('Report')).not.toContain('agency')
    expect(tables.has('User')).toBe(false)
  })

  it('declares only tables and columns the schema has', () => {
    for (const table of ALL_TABLES.map(declared)) {
      expect(tables.has(table.name), `table ${table.name}`).toBe(true)
      for (const column of table.columns) {
        expect(tables.get(table.name)?.has(column), `column ${table.name}.${column}`).toBe(true)
      }
    }
  })

  it('names in its statements only tables and columns of the schema', () => {
    const statements = dataModules.flatMap((f) => sqlTemplates(readFileSync(path.join(dataDir, f), 'utf8')))
    expect(statements.length).toBeGreaterThan(10)
    expect(unknownIdentifiers(statements, tables)).toEqual([])
  })

  it('would name a misspelt column', () => {
    const source = ['const s = sql`SELECT "verison" FROM "Report" WHERE "id" = $', '{id}`'].join('')
    const statements = sqlTemplates(source)
    expect(unknownIdentifiers(statements, tables)).toEqual(['verison'])
  })

  it('runs SQL only in lib/data', () => {
    const outside = ['app', 'components', 'lib', 'scripts', 'bench']
      .flatMap((d) => sourceFiles(path.join(root, d)))
      .filter((f) => !f.startsWith(dataDir + path.sep))
      .filter((f) => /from '(@\/lib\/data\/sql|\.\/sql)'|\$(?:query|execute)Raw/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
    expect(outside).toEqual([])
  })
})
