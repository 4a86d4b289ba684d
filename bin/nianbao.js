#!/usr/bin/env node
// The nianbao command line: registers tsx (with the repository's tsconfig, for the @/ alias)
// and runs lib/cli/main.ts, so that `npx nianbao …` works straight after `npm install`.

const path = require('node:path')

const root = path.resolve(__dirname, '..')
if (!process.env.TSX_TSCONFIG_PATH) process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json')
require('tsx/cjs')

const { main } = require(path.join(root, 'lib/cli/main.ts'))

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    process.stderr.write(`nianbao 内部错误：${error?.stack ?? error}\n`)
    process.exitCode = 2
  },
)
