/**
 * nianbao import and validate on published documents, through the real command line
 * (bin/nianbao.js on the bundle vitest's global setup builds, with its import worker).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readReport } from '@/lib/report/interchange'
import { CLI_GRAPH, type CliGraph } from '@/scripts/build-cli'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const PUBLISHED = '/work/shared/published'
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-import-cli-'))

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('nianbao import', () => {
  it('writes one report JSON per document, named after it, and says what it recognised', () => {
    const out = path.join(tmp, 'out')
    const files = ['pingtan-zrzj-2020.html', 'huaian-2024.pdf'].map((f) => path.join(PUBLISHED, f))
    const r = cli(['import', ...files, '-o', out])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['huaian-2024.json', 'pingtan-zrzj-2020.json'])
    const { report } = readReport(JSON.parse(readFileSync(path.join(out, 'pingtan-zrzj-2020.json'), 'utf8')))
    expect(report).toMatchObject({
      formatVersion: '2019',
      year: 2020,
      stated: { 'applications.resultsTotal.total': 9 },
    })
    expect(r.stdout).toContain('平潭综合实验区自然资源与生态环境局 2020年，2019年表式')
    expect(r.stdout).toContain('未找到 0')
  })

  it('prints { documents } with --json and refuses what it cannot read, exit 2', () => {
    const bad = path.join(tmp, 'broken.pdf')
    writeFileSync(bad, '%PDF-1.4 not really')
    const r = cli(['import', path.join(PUBLISHED, 'pingtan-xzspj-2024.html'), bad, '--json'])
    expect(r.code).toBe(2)
    const { documents } = JSON.parse(r.stdout)
    expect(documents[0].report.agency.name).toBe('平潭综合实验区行政审批局')
    expect(documents[0].recognition.cells['applications.newReceived.natural']).toBe('recognised')
    expect(documents[1]).toEqual({ file: bad, error: expect.stringMatching(/PDF/) })
    expect(r.stderr).toContain('无法导入')
  })

  it('asks for a file', () => {
    const r = cli(['import'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('请指定要导入的文件')
  })
})

describe('nianbao validate of a published document', () => {
  it('checks the values as printed and adds the recognition record', () => {
    const r = cli(['validate', path.join(PUBLISHED, 'pingtan-zrzj-2020.html'), '--json'])
    expect(r.code).toBe(1)
    const [entry] = JSON.parse(r.stdout).reports
    expect(entry.recognition.formatVersion).toBe('2019')
    // The published arithmetic error: （七）总计 printed 9, its parts add up to 10.
    const stated = entry.findings.find((f: { ruleId: string }) => f.ruleId === 'S1')
    expect(stated?.status).toBe('fail')
    expect(JSON.stringify(stated)).toContain('applications.resultsTotal')
  })
})

it('loads the document reader only when import or validate of a document runs', () => {
  const graph: CliGraph = JSON.parse(readFileSync(CLI_GRAPH, 'utf8'))
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const i of graph[file].imports) if (!i.dynamic) visit(i.file)
  }
  visit('main.mjs')
  const atStart = [...seen].flatMap((f) => graph[f].inputs)
  // Only the list of document extensions (data, which validate reads at start: decision 0770).
  expect(atStart.filter((f) => f.startsWith('lib/import/'))).toEqual(['lib/import/document-extensions.json'])
  expect(graph['import-worker.mjs'].inputs).toContain('lib/import/structure.ts')
})
