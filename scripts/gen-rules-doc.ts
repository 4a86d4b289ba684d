/** Writes docs/rules.md from the format definitions (npm run docs:rules). */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { rulesMarkdown } from '@/lib/rules/describe'

export const RULES_DOC = path.resolve(__dirname, '../docs/rules.md')

writeFileSync(RULES_DOC, rulesMarkdown())
console.log(`已生成 ${path.relative(process.cwd(), RULES_DOC)}`)
