/**
 * Reference renders of every fixture into out/samples/: .docx, .html, the LibreOffice PDF and
 * PNG pages of it (60 dpi), and a Chromium screenshot of the HTML, for looking at by eye.
 * Usage: npx tsx scripts/render-samples.ts [fixture-name…]
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildDocx } from '@/lib/export/docx'
import { buildHtml } from '@/lib/export/html'
import { writePreviewFontsConf } from '@/lib/export/preview-fonts'
import { FIXTURE_NAMES, type FixtureName, fixture } from '@/test/fixtures'

const OUT = path.resolve(__dirname, '..', 'out', 'samples')

const has = (cmd: string) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

async function main() {
  const names = (process.argv.slice(2).length ? process.argv.slice(2) : FIXTURE_NAMES) as FixtureName[]
  fs.mkdirSync(OUT, { recursive: true })
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'))
  const env = { ...process.env, FONTCONFIG_FILE: writePreviewFontsConf(profile) }
  for (const name of names) {
    const { report } = fixture(name)
    const signature = { agency: report.agency.name, date: `${report.year + 1}年1月20日` }
    const docxFile = path.join(OUT, `${name}.docx`)
    fs.writeFileSync(docxFile, await buildDocx(report, { signature }))
    fs.writeFileSync(path.join(OUT, `${name}-draft.docx`), await buildDocx(report, { draft: true, fontMode: 'stock' }))
    const htmlFile = path.join(OUT, `${name}.html`)
    fs.writeFileSync(htmlFile, buildHtml(report, { signature }))
    if (has('soffice')) {
      execFileSync(
        'soffice',
        [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', OUT, docxFile],
        { stdio: 'ignore', env },
      )
      if (has('pdftoppm')) {
        execFileSync('pdftoppm', ['-r', '60', '-png', path.join(OUT, `${name}.pdf`), path.join(OUT, name)])
      }
    }
    // The tables on a phone: the same page with the narrative sections left out.
    const tablesFile = path.join(OUT, `${name}-tables.html`)
    fs.writeFileSync(
      tablesFile,
      fs
        .readFileSync(htmlFile, 'utf8')
        .replace(/<section id="(overview|problemsImprovements|otherMatters)">[\s\S]*?<\/section>/g, ''),
    )
    if (fs.existsSync('/usr/bin/chromium')) {
      for (const [label, size, file] of [
        ['desktop', '1000,2400', htmlFile],
        ['phone', '390,1600', htmlFile],
        ['phone-tables', '390,1400', tablesFile],
      ]) {
        execFileSync(
          '/usr/bin/chromium',
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--hide-scrollbars',
            `--screenshot=${path.join(OUT, `${name}-html-${label}.png`)}`,
            `--window-size=${size}`,
            `file://${file}`,
          ],
          { stdio: 'ignore', env },
        )
      }
    }
    console.log(`${name}: written to ${path.relative(process.cwd(), OUT)}`)
  }
  fs.rmSync(profile, { recursive: true, force: true })
}

if (require.main === module)
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
