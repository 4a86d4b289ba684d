/**
 * No module of ours imports a cycle: a module is found by its name and read from the top, never
 * half-loaded because it imports itself through another.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..')
const CHECKED = ['lib', 'app', 'components', 'scripts', 'bench']

/** The project modules a file imports (type-only imports included: they are names too). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles.flatMap(({ fileName }) => {
    const base = fileName.startsWith('@/')
      ? path.join(root, fileName.slice(2))
      : fileName.startsWith('.')
        ? path.resolve(path.dirname(file), fileName)
        : null
    if (!base || base.startsWith(path.join(root, 'generated'))) return []
    const found = ['.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find(existsSync)
    return found ? [found] : []
  })
}

/** The cycles among the modules reachable from `starts`, each as the list of its files. */
function cycles(starts: string[]): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const out: string[][] = []
  const visit = (file: string) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      out.push(stack.slice(stack.indexOf(file)).map((f) => path.relative(root, f)))
      return
    }
    state.set(file, 'open')
    stack.push(file)
    for (const next of importsOf(file)) visit(next)
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of starts) visit(file)
  return out
}

/** Every .ts/.tsx module under a folder, at any depth. */
const modulesIn = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) return modulesIn(rel)
    return /\.tsx?$/.test(entry.name) ? [path.join(root, rel)] : []
  })

describe('imports', () => {
  it('find a cycle when there is one', () => {
    const dir = path.join(root, 'test/cycle-sample')
    expect(cycles([path.join(dir, 'a.ts')])).toEqual([['test/cycle-sample/a.ts', 'test/cycle-sample/b.ts']])
  })

  it(`make no cycle from ${CHECKED.join(', ')}`, () => {
    expect(cycles(CHECKED.flatMap(modulesIn))).toEqual([])
  })
})
