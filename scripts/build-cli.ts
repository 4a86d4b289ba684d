/**
 * Compiles the command line ahead of time: lib/cli/main.ts and everything it imports, bundled by
 * esbuild into dist/cli/ (git-ignored), which bin/nianbao.js loads. Run by `npm run build:cli`,
 * postinstall and `npm run build`; tests and benchmarks call ensureCliBuild(), which rebuilds
 * when the bundle is missing or older than one of its sources.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { onlyEnglishZodLocale } from './esbuild-zod-locale.mjs'

export const ROOT = path.resolve(__dirname, '..')
export const CLI_DIR = path.join(ROOT, 'dist', 'cli')
/** The module bin/nianbao.js imports. */
export const CLI_ENTRY = path.join(CLI_DIR, 'main.mjs')
/** The repository files the bundle was built from (relative paths), for the staleness check. */
export const CLI_INPUTS = path.join(CLI_DIR, 'inputs.json')
/** Each output file of the bundle: its sources and what it imports, statically or dynamically. */
export const CLI_GRAPH = path.join(CLI_DIR, 'graph.json')

export type CliGraph = Record<string, { inputs: string[]; imports: { file: string; dynamic: boolean }[] }>

export async function buildCli(): Promise<{ files: string[]; ms: number }> {
  const started = performance.now()
  const staging = `${CLI_DIR}.tmp-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: ROOT,
    // The workers are bundles of their own: a worker thread starts each by its file (what they
    // share with main goes to chunks).
    entryPoints: {
      main: 'lib/cli/main.ts',
      'import-worker': 'lib/import/worker.ts',
      'validate-worker': 'lib/cli/validate-worker.ts',
    },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    // Splitting puts what only `export` needs (the docx package, the exporters) in chunks that
    // its dynamic import loads; validate never reads them.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The @/ alias.
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    // ESM builds of dependencies where they have one: they tree-shake, CommonJS ones do not.
    mainFields: ['module', 'main'],
    // A CommonJS dependency bundled into ESM may still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __nianbaoRequire } from 'node:module';\nconst require = __nianbaoRequire(import.meta.url);",
    },
    legalComments: 'none',
    // Less to parse at every start; names are kept so a stack trace still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    // pdfjs loads its own worker module by a path relative to itself: it stays in node_modules.
    external: ['pdfjs-dist'],
    plugins: [onlyEnglishZodLocale],
    metafile: true,
    logLevel: 'warning',
  }).catch((error: unknown) => {
    rmSync(staging, { recursive: true, force: true })
    throw error
  })
  const sources = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .sort()
  writeFileSync(path.join(staging, 'inputs.json'), `${JSON.stringify([...sources, 'scripts/build-cli.ts'], null, 2)}\n`)
  const outputName = (f: string) => path.relative(staging, path.resolve(ROOT, f))
  const graph: CliGraph = {}
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    graph[outputName(file)] = {
      inputs: Object.keys(output.inputs),
      imports: output.imports
        .filter((i) => !i.external)
        .map((i) => ({ file: outputName(i.path), dynamic: i.kind === 'dynamic-import' })),
    }
  }
  writeFileSync(path.join(staging, 'graph.json'), `${JSON.stringify(graph, null, 2)}\n`)
  // Swap in the new build whole: a command that starts meanwhile finds the old, the new or (for an
  // instant) no build, never half of one.
  const old = `${CLI_DIR}.old-${process.pid}`
  if (existsSync(CLI_DIR)) renameSync(CLI_DIR, old)
  renameSync(staging, CLI_DIR)
  rmSync(old, { recursive: true, force: true })
  return { files: Object.keys(graph), ms: performance.now() - started }
}

/** Whether dist/cli exists and none of its sources changed after it was built. */
export function isCliBuildFresh(): boolean {
  if (!existsSync(CLI_ENTRY) || !existsSync(CLI_INPUTS)) return false
  const builtAt = statSync(CLI_ENTRY).mtimeMs
  const inputs: string[] = JSON.parse(readFileSync(CLI_INPUTS, 'utf8'))
  return inputs.every((f) => {
    const file = path.join(ROOT, f)
    return existsSync(file) && statSync(file).mtimeMs <= builtAt
  })
}

/** Builds the command line unless a fresh build is already there. */
export async function ensureCliBuild(): Promise<void> {
  if (!isCliBuildFresh()) await buildCli()
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  buildCli().then(
    ({ files, ms }) => console.log(`命令行已编译到 dist/cli/（${files.length} 个文件，${Math.round(ms)} ms）`),
    (error) => {
      console.error(`命令行编译失败：${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
    },
  )
}
