/**
 * Writes test/published-docx/pingtan-xzspj-2024-wps.docx from the saved portal page
 * test/published/pingtan-xzspj-2024-page.html: the published 平潭综合实验区行政审批局
 * 2024 report (its narratives and its tables as printed) written the way WPS writes a .docx
 * (test/wps-docx.ts names each trait). Run: npx tsx scripts/make-wps-docx.ts
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { readDocument } from '@/lib/import/read'
import { wpsDocx } from '@/test/wps-docx'

const ROOT = path.resolve(__dirname, '..')
const SOURCE = 'pingtan-xzspj-2024-page.html'

async function main() {
  const bytes = readFileSync(path.join(ROOT, 'test', 'published', SOURCE))
  const result = await readDocument({ bytes, fileName: SOURCE })
  const format = formatFor(result.report.formatVersion) as FormatDef
  // The 落款 date as the page prints it (its last date line).
  const dates = result.text.match(/\d{4}年\d{1,2}月\d{1,2}日/g) ?? []
  const signatureDate = dates[dates.length - 1] ?? `${result.report.year + 1}年1月20日`
  const out = path.join(ROOT, 'test', 'published-docx', 'pingtan-xzspj-2024-wps.docx')
  writeFileSync(out, await wpsDocx({ format, result, signatureDate }))
  console.log(`${path.relative(ROOT, out)}（落款日期 ${signatureDate}）`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
