/**
 * Checks that the browser's JavaScript of a production build parses as ES2022, the language
 * Chrome 109 (the last Chrome on Windows 7, and the engine of 360 browsers still used in
 * government offices) understands in full. Newer syntax (regexp /v flags, import attributes,
 * duplicate named groups, …) fails the parse and is named with its file and position. Run after
 * `next build`: `npm run check:browsers`. APIs newer than Chrome 109 (Array.prototype.toSorted,
 * Object.groupBy, Set methods, …) are not syntax: the app's own code avoids them (see README).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Parser } = require('next/dist/compiled/acorn')

const dir = path.join(process.env.NEXT_DIST_DIR || '.next', 'static')
const files = []
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name)
    if (statSync(p).isDirectory()) walk(p)
    else if (p.endsWith('.js')) files.push(p)
  }
}
try {
  walk(dir)
} catch {
  console.error(`没有找到 ${dir}：请先运行 next build。`)
  process.exit(2)
}
let failed = 0
let bytes = 0
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  bytes += text.length
  try {
    Parser.parse(text, { ecmaVersion: 2022, sourceType: 'script', allowHashBang: true })
  } catch (e) {
    try {
      Parser.parse(text, { ecmaVersion: 2022, sourceType: 'module' })
    } catch (e2) {
      failed++
      const at = e2.pos ?? e.pos ?? 0
      console.error(`${file}: ${e2.message} … ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`)
    }
  }
}
console.log(`browser-syntax-files ${files.length}`)
console.log(`browser-syntax-bytes ${bytes}`)
console.log(`browser-syntax-beyond-es2022 ${failed}`)
process.exit(failed ? 1 : 0)
