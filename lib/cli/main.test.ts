/** The command line in-process: argument parsing, usage and help, and its import structure. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePath } from '@/test/fixtures'
import { parseCommandArgs } from './args'
import { exportCommand, parseExportArgs } from './export'
import { main, SUBCOMMANDS, usage } from './main'
import type { CliIo } from './types'
import { parseValidateArgs, validateCommand } from './validate'

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd: process.cwd(),
    stdout: (t: string) => {
      io.out += t
    },
    stderr: (t: string) => {
      io.err += t
    },
  }
  return io
}

describe('parseCommandArgs', () => {
  const options = { out: { type: 'string' }, json: { type: 'boolean' } } as const

  it('takes values, flags and positionals in any order, with --out=value and -- too', () => {
    expect(parseCommandArgs(['a', '--out', 'x', 'b', '--json'], options)).toEqual({
      ok: true,
      values: { out: 'x', json: true },
      positionals: ['a', 'b'],
    })
    expect(parseCommandArgs(['--out=-', '--', '--json'], options)).toEqual({
      ok: true,
      values: { out: '-' },
      positionals: ['--json'],
    })
  })

  it.each([
    [['--xml', 'a', '--yaml'], '未知选项：--xml --yaml'],
    [['-x'], '未知选项：-x'],
    [['a', '--out'], '--out 后面缺少值'],
    [['--out', '--json'], '--out 后面缺少值'],
    [['--out='], '--out 后面缺少值'],
    [['--json=yes'], '--json 不需要值'],
  ])('%j is refused in Chinese: %s', (args, error) => {
    expect(parseCommandArgs(args, options)).toEqual({ ok: false, error })
  })
})

describe('nianbao validate arguments', () => {
  it('files and --json', () => {
    expect(parseValidateArgs(['a.json', '--json', 'b.json'])).toEqual({
      files: ['a.json', 'b.json'],
      json: true,
      help: false,
    })
  })

  it('no file, or an unknown option, is an error that still knows --json was asked for', () => {
    expect(parseValidateArgs([])).toEqual({ error: '请指定要检查的年报 JSON 文件', json: false })
    expect(parseValidateArgs(['--json', '--xml', 'a.json'])).toEqual({ error: '未知选项：--xml', json: true })
  })

  it('a bad option with --json: the usage on stderr, a JSON error on stdout, exit 2', async () => {
    const io = capture()
    expect(await validateCommand.run(['--json', '--xml'], io)).toBe(2)
    expect(io.err).toContain(validateCommand.usage)
    expect(JSON.parse(io.out)).toEqual({ reports: [], error: '参数有误' })
  })
})

describe('nianbao export arguments', () => {
  const file = fixturePath('zhangdian-jgsw-2022')

  it('every option', () => {
    expect(
      parseExportArgs([
        file,
        '--docx',
        'a.docx',
        '--html',
        'a.html',
        '--stock-fonts',
        '--signature',
        '2022-01-20',
        '--draft',
      ]),
    ).toEqual({
      file,
      outputs: { docx: 'a.docx', html: 'a.html' },
      signature: '2022-01-20',
      stockFonts: true,
      draft: true,
    })
    expect(parseExportArgs([file, '--html', 'a.html'])).toEqual({
      file,
      outputs: { html: 'a.html' },
      signature: null,
      stockFonts: false,
      draft: false,
    })
  })

  it.each([
    [[], '请指定要导出的年报 JSON 文件'],
    [[file, file, '--docx', 'a.docx'], '一次只能导出一个年报文件'],
    [[file], '请用 --docx 或 --html 指定输出文件'],
    [[file, '--docx'], '--docx 后面缺少值'],
    [[file, '--docx', '--html', 'a.html'], '--docx 后面缺少值'],
    [[file, '--pdf', 'a.pdf'], '未知选项：--pdf'],
  ])('%j: %s', (args, error) => {
    expect(parseExportArgs(args)).toEqual({ error })
  })

  it('a bad signature date is refused before anything is read or written', async () => {
    const io = capture()
    expect(await exportCommand.run([file, '--html', '/nonexistent/a.html', '--signature', '2022-02-30'], io)).toBe(2)
    expect(io.err).toContain('落款日期“2022-02-30”无效')
    expect(io.out).toBe('')
  })
})

describe('main', () => {
  it('no command: the usage on stderr and exit 2; help, --help and -h: on stdout and exit 0', async () => {
    const none = capture()
    expect(await main([], none)).toBe(2)
    expect(none.err).toBe(usage())
    for (const help of ['help', '--help', '-h']) {
      const io = capture()
      expect(await main([help], io)).toBe(0)
      expect(io.out).toBe(usage())
    }
  })

  it('the usage lists every command with its summary and its usage', () => {
    for (const c of SUBCOMMANDS) {
      expect(usage()).toContain(c.summary)
      expect(usage()).toContain(c.usage)
    }
  })

  it('a command with --help prints its own usage on stdout and exits 0', async () => {
    for (const c of SUBCOMMANDS) {
      const io = capture()
      expect(await main([c.name, '--help'], io)).toBe(0)
      expect(io.out).toBe(`用法：${c.usage}\n`)
      expect(io.err).toBe('')
    }
  })

  it('an unknown command: exit 2, said in Chinese, with the usage', async () => {
    const io = capture()
    expect(await main(['frobnicate'], io)).toBe(2)
    expect(io.err).toBe(`未知命令“frobnicate”。\n\n${usage()}`)
  })
})

describe('lib/cli imports', () => {
  /** Static imports between lib/cli files (type-only and dynamic imports do not load a module). */
  const dir = __dirname
  const edges = new Map<string, string[]>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(path.join(dir, file), 'utf8')
    const targets = [...text.matchAll(/^import (?!type )[^;]*? from '\.\/([\w-]+)'/gm)].map((m) => `${m[1]}.ts`)
    edges.set(file, targets)
  }

  it('form no cycle', () => {
    const cycles: string[] = []
    const walk = (file: string, trail: string[]) => {
      if (trail.includes(file)) {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '))
        return
      }
      for (const next of edges.get(file) ?? []) walk(next, [...trail, file])
    }
    for (const file of edges.keys()) walk(file, [])
    expect(edges.get('main.ts')).toEqual(expect.arrayContaining(['validate.ts', 'export.ts']))
    expect(cycles).toEqual([])
  })

  it('commands never import main', () => {
    for (const [file, targets] of edges) expect(targets, file).not.toContain('main.ts')
  })
})
