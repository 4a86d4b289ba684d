/**
 * Spawns the real command line (bin/nianbao.js, which runs the compiled bundle in dist/cli/ that
 * vitest's global setup builds) on the fixtures and on bad files.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataRows, formatCells, groupRows } from '@/lib/format/cells'
import { FORMATS } from '@/lib/format/index'
import { APPLICATIONS_TOTAL_COLUMN } from '@/lib/format/shared-parts'
import type { MatrixTableDef } from '@/lib/format/types'
import { readReport } from '@/lib/report/interchange'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { evaluateRules, findingsOf } from '@/lib/rules/evaluate'
import { FIXTURE_NAMES, fixturePath, rawFixture } from '@/test/fixtures'
import { CLI_GRAPH, type CliGraph } from '@/scripts/build-cli'

const ROOT = path.resolve(__dirname, '../..')
const BIN = path.join(ROOT, 'bin/nianbao.js')
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-'))

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function writeTemp(name: string, content: unknown) {
  const file = path.join(tmp, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

const F21 = FORMATS['2021']
const matrix = F21.sections.find((s) => s.kind === 'table' && s.table.kind === 'matrix') as {
  key: string
  table: MatrixTableDef
}
const [firstRow] = dataRows(matrix.table.rows)
const firstTotal = `${matrix.key}.${firstRow.key}.${APPLICATIONS_TOTAL_COLUMN}`
const allFixtures = FIXTURE_NAMES.map(fixturePath)

/** 张店区 2021 with 一、本年新收·总计 one short: an error the file states, not recomputed. */
function brokenTotalFile() {
  const raw = rawFixture('zhangdian-gov-2021')
  setAt(raw.sections, firstTotal.split('.'), 104)
  return writeTemp('broken-total.json', raw)
}

describe('nianbao validate (text)', () => {
  it('checks all four fixtures: exit 0, findings in Chinese with cell labels', () => {
    const r = cli(['validate', ...allFixtures])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    for (const name of FIXTURE_NAMES) {
      expect(r.stdout).toContain(`${name}.json`)
      expect(r.stdout).toContain(rawFixture(name).agency.name)
    }
    expect(r.stdout).toContain('共检查 4 个文件：0 个错误')
    expect(r.stdout).toContain('[警告] D2')
    expect(r.stdout).toContain('暂无法判断')
    // Cells are named by their labels, not their paths.
    const blankFact = formatCells(F21).find((c) => c.sectionKey === F21.sections[5].key)!
    expect(r.stdout).toContain(blankFact.label)
    expect(r.stdout).not.toContain(blankFact.path)
  })

  it('exits 1 on a failing error rule and names the cell, the expected and the actual value', () => {
    const r = cli(['validate', brokenTotalFile()])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`[错误] A1.${firstRow.key}`)
    expect(r.stdout).toContain(formatCells(F21).find((c) => c.path === firstTotal)!.label)
    expect(r.stdout).toContain('应为：105　实际：104')
  })

  it('prints the import notice for a single （六）其他处理 row', () => {
    const raw = rawFixture('zhangdian-office-2022')
    const { notices } = readReportWithSingleOther(raw)
    const r = cli(['validate', writeTemp('single-other.json', raw)])
    expect(r.code).toBe(0)
    expect(notices).toHaveLength(1)
    expect(r.stdout).toContain(`注意：${notices[0]}`)
  })
})

/** Rewrites a 2021 file with its （六） rows collapsed into one otherDisposal row (the old layout). */
function readReportWithSingleOther(raw: Record<string, any>) {
  // （六）其他处理 is the last group of table 三.
  const last = groupRows(matrix.table.rows).at(-1)!
  const group = { key: last.key, rows: dataRows(last.children).map((r) => r.key) }
  const apps = raw.sections[matrix.key]
  apps[group.key] = apps[group.rows[2]]
  for (const r of group.rows) delete apps[r]
  return readReport(structuredClone(raw))
}

describe('nianbao validate --json', () => {
  it('prints exactly the documented shape for every fixture, the findings of the evaluator', () => {
    const r = cli(['validate', ...allFixtures, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['reports'])
    expect(out.reports).toHaveLength(4)
    out.reports.forEach((report: any, i: number) => {
      expect(Object.keys(report)).toEqual(['file', 'notices', 'findings'])
      expect(report.file).toBe(allFixtures[i])
      const { report: data, format } = readReport(rawFixture(FIXTURE_NAMES[i]))
      const expected = findingsOf(evaluateRules(format, data), true)
      expect(report.findings.map((f: any) => f.ruleId).sort()).toEqual(expected.map((f) => f.ruleId).sort())
      for (const f of report.findings) {
        // A narrative finding also says where it is: the line as written and its paragraph.
        const keys = ['ruleId', 'severity', 'status', 'message', 'cells', 'expected', 'actual']
        expect(Object.keys(f)).toEqual(f.narrative ? [...keys, 'quote', 'narrative'] : keys)
        if (f.narrative) {
          expect(typeof f.quote).toBe('string')
          expect(Object.keys(f.narrative)).toEqual(['section', 'paragraph'])
          expect(f.narrative.paragraph).toBeGreaterThanOrEqual(1)
        }
        expect(['fail', 'na']).toContain(f.status)
        for (const c of f.cells) expect(c).not.toMatch(/^sections\./)
      }
      // Failures come first.
      const statuses = report.findings.map((f: any) => f.status)
      expect(statuses).toEqual([...statuses].sort((a: string, b: string) => (a === b ? 0 : a === 'fail' ? -1 : 1)))
    })
  })

  it('a narrative statement the table contradicts carries its quote, section and paragraph', () => {
    const raw = rawFixture('zhangdian-gov-2021')
    raw.sections.overview = `${raw.sections.overview}\n本年度共新收政府信息公开申请170件。`
    const paragraph = raw.sections.overview.split('\n').length
    const file = writeTemp('narrative-count.json', raw)
    const r = cli(['validate', '--json', file])
    const [report] = JSON.parse(r.stdout).reports
    const n1 = report.findings.filter((f: any) => f.ruleId === 'N1')
    expect(n1).toHaveLength(1)
    expect(n1[0]).toMatchObject({
      severity: 'warning',
      status: 'fail',
      cells: [firstTotal],
      expected: 105,
      actual: 170,
      quote: '本年度共新收政府信息公开申请170件。',
      narrative: { section: 'overview', paragraph },
      fix: { from: '170件', to: '105件' },
    })
    const text = cli(['validate', file])
    expect(text.stdout).toContain(`原文：一、总体情况第${paragraph}段“本年度共新收政府信息公开申请170件。”`)
  })

  it('reports a stated total as stated: the broken file fails A1 with dotted cell paths', () => {
    const r = cli(['validate', '--json', brokenTotalFile()])
    expect(r.code).toBe(1)
    const [report] = JSON.parse(r.stdout).reports
    const a1 = report.findings.find((f: any) => f.ruleId === `A1.${firstRow.key}`)
    expect(a1).toMatchObject({ severity: 'error', status: 'fail', expected: 105, actual: 104 })
    expect(a1.cells).toContain(firstTotal)
  })

  it('marks a rule with a blank cell as not yet assessable, without filling the total', () => {
    const raw = rawFixture('zhangdian-gov-2021')
    setAt(raw.sections, firstTotal.split('.'), null)
    const r = cli(['validate', '--json', writeTemp('blank-total.json', raw)])
    expect(r.code).toBe(0)
    const [report] = JSON.parse(r.stdout).reports
    expect(report.findings.find((f: any) => f.ruleId === `A1.${firstRow.key}`)).toMatchObject({
      status: 'na',
      severity: 'error',
    })
  })

  it('lists import notices', () => {
    const raw = rawFixture('zhangdian-office-2022')
    const { notices } = readReportWithSingleOther(raw)
    const r = cli(['validate', '--json', writeTemp('single-other.json', raw)])
    expect(JSON.parse(r.stdout).reports[0].notices).toEqual(notices)
  })
})

describe('bad input', () => {
  const cases: [string, string, string][] = [
    ['bad JSON', writeTemp('bad.json', '{"formatVersion": "2021",'), '不是有效的 JSON 文件'],
    ['a JSON array', writeTemp('array.json', []), '不是年报'],
    ['no formatVersion', writeTemp('no-version.json', { year: 2021, sections: {} }), '缺少 formatVersion'],
    [
      'an unknown version',
      writeTemp('v2030.json', { ...rawFixture('zhangdian-jgsw-2022'), formatVersion: '2030' }),
      '不支持的格式版本',
    ],
    [
      'a narrative longer than the editor allows',
      writeTemp('long-overview.json', {
        ...rawFixture('zhangdian-jgsw-2022'),
        sections: { ...rawFixture('zhangdian-jgsw-2022').sections, overview: '政'.repeat(MAX_NARRATIVE_CHARS + 1) },
      }),
      `编辑器最多${MAX_NARRATIVE_CHARS}字`,
    ],
    ['a missing file', path.join(tmp, 'missing.json'), '找不到文件'],
    ['a directory', tmp, '目录'],
  ]

  it.each(cases)('%s: exit 2, the reason in Chinese on stderr', (_what, file, reason) => {
    const r = cli(['validate', file])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(file)
    expect(r.stderr).toContain(reason)
  })

  it.each(cases)('%s with --json: still valid JSON, with an error field for the file', (_what, file, reason) => {
    const r = cli(['validate', '--json', file])
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.reports).toEqual([{ file, error: expect.stringContaining(reason) }])
  })

  it('a bad file among good ones: exit 2, the good ones still checked', () => {
    const r = cli(['validate', '--json', fixturePath('zhangdian-gov-2021'), path.join(tmp, 'missing.json')])
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.reports[0].findings.length).toBeGreaterThan(0)
    expect(out.reports[1].error).toBe('找不到文件')
  })

  it('no file, an unknown option or an unknown command: exit 2 with usage', () => {
    expect(cli(['validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('请指定') })
    expect(cli(['validate', '--xml', allFixtures[0]])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('未知选项'),
    })
    expect(cli(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('未知命令') })
    expect(cli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('用法') })
    expect(cli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('validate') })
  })
})

describe('invocation', () => {
  it('works from another directory (the bundle carries the @/ imports resolved)', () => {
    const r = cli(['validate', fixturePath('zhangdian-jgsw-2022')], os.tmpdir())
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(rawFixture('zhangdian-jgsw-2022').agency.name)
  })

  it('works as npx nianbao from the repository root', () => {
    const r = spawnSync('npx', ['--no-install', 'nianbao', 'validate', '--json', fixturePath('zhangdian-jgsw-2022')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).reports).toHaveLength(1)
  })
})

describe('the compiled bundle', () => {
  const graph: CliGraph = JSON.parse(readFileSync(CLI_GRAPH, 'utf8'))

  /** Every output file loaded by importing `from`, following static imports only or all imports. */
  function reachable(from: string, withDynamic: boolean): Set<string> {
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      for (const i of graph[file].imports) if (withDynamic || !i.dynamic) visit(i.file)
    }
    visit(from)
    return seen
  }
  const inputsOf = (files: Set<string>) => [...files].flatMap((f) => graph[f].inputs)

  it('loads neither the exporters nor the docx package until export runs', () => {
    const atStart = inputsOf(reachable('main.mjs', false))
    expect(atStart).toContain('lib/cli/validate.ts')
    expect(atStart.filter((f) => f.startsWith('lib/export/') || f.includes('node_modules/docx/'))).toEqual([])
    const onExport = inputsOf(reachable('main.mjs', true))
    expect(onExport).toContain('lib/export/docx.ts')
    expect(onExport.some((f) => f.includes('node_modules/docx/'))).toBe(true)
  })

  it('loads no zod for validate, on the main thread or in its worker (decision 0770)', () => {
    const parallel = Object.keys(graph).find((f) => f.startsWith('chunks/validate-parallel-')) as string
    for (const from of ['main.mjs', 'validate-worker.mjs', parallel]) {
      const inputs = inputsOf(reachable(from, false))
      expect(inputs, from).toContain('lib/report/interchange.ts')
      expect(
        inputs.filter((f) => f.includes('node_modules/zod/') || f === 'lib/report/schema.ts'),
        from,
      ).toEqual([])
    }
  })

  /** A copy of bin/nianbao.js in a folder of its own, with whatever dist/cli the test puts there. */
  function binCopy(dist: Record<string, string> | null) {
    const root = mkdtempSync(path.join(tmp, 'root-'))
    mkdirSync(path.join(root, 'bin'))
    copyFileSync(BIN, path.join(root, 'bin/nianbao.js'))
    if (dist) {
      mkdirSync(path.join(root, 'dist/cli'), { recursive: true })
      for (const [name, text] of Object.entries(dist)) writeFileSync(path.join(root, name), text)
    }
    return root
  }
  const run = (root: string) =>
    spawnSync(process.execPath, [path.join(root, 'bin/nianbao.js'), '--help'], { encoding: 'utf8', timeout: 30_000 })

  it('without a build, tells the user to run npm run build:cli and exits 2', () => {
    const r = run(binCopy(null))
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('npm run build:cli')
    expect(r.stdout).toBe('')
  })

  it('runs a build and warns only when a source is newer than it', () => {
    const root = binCopy({
      'source.ts': '',
      'dist/cli/main.mjs': 'export async function main(argv) { process.stdout.write(argv.join(" ")); return 3 }',
      'dist/cli/inputs.json': JSON.stringify(['source.ts']),
    })
    const past = new Date(Date.now() - 60_000)
    utimesSync(path.join(root, 'source.ts'), past, past)
    const fresh = run(root)
    expect(fresh).toMatchObject({ status: 3, stdout: '--help', stderr: '' })
    utimesSync(path.join(root, 'source.ts'), new Date(), new Date(Date.now() + 60_000))
    const stale = run(root)
    expect(stale).toMatchObject({ status: 3, stdout: '--help' })
    expect(stale.stderr).toContain('npm run build:cli')
  })
})

describe('nianbao export', () => {
  const good = fixturePath(FIXTURE_NAMES[0])

  it('writes the .docx and the HTML of a fixture, with the validate report and exit 0', async () => {
    const docx = path.join(tmp, 'out.docx')
    const html = path.join(tmp, 'out.html')
    const r = cli(['export', good, '--docx', docx, '--html', html, '--signature', '2022-01-20'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('共检查 1 个文件')
    expect(r.stdout).toContain(`已写出 ${docx}`)
    const { readFileSync } = await import('node:fs')
    const JSZip = (await import('jszip')).default
    const zip = await JSZip.loadAsync(readFileSync(docx))
    const xml = await zip.file('word/document.xml')!.async('string')
    const { report } = readReport(rawFixture(FIXTURE_NAMES[0]))
    expect(xml).toContain(report.agency.name)
    expect(xml).toContain('2022年1月20日')
    expect(readFileSync(html, 'utf8')).toContain(report.agency.name)
  })

  it('exits 1 on a failing error rule and still writes a document marked 草稿', async () => {
    const raw = rawFixture(FIXTURE_NAMES[0])
    setAt(raw.sections, firstTotal.split('.'), 104)
    const html = path.join(tmp, 'broken.html')
    const r = cli(['export', writeTemp('broken-export.json', raw), '--html', html])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('草稿')
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(html, 'utf8')).toContain('草稿')
  })

  it('exits 2 without writing for a file that is not a report, a missing output or a bad date', () => {
    const out = path.join(tmp, 'never.docx')
    expect(cli(['export', writeTemp('not-a-report.json', '[1,2]'), '--docx', out]).code).toBe(2)
    expect(cli(['export', good]).stderr).toContain('--docx 或 --html')
    expect(cli(['export', good, '--docx', out, '--signature', '2022-02-30']).stderr).toContain('落款日期')
    expect(cli(['export', good, '--docx', path.join(tmp, 'no-such-dir', 'x.docx')]).code).toBe(2)
  })
})
