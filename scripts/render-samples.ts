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
import { FIXTURE_NAMES, type FixtureName, fixture } from '@/lib/testing/fixtures'

const OUT = path.resolve(__dirname, '..', 'out', 'samples')

/**
 * Debian has no 仿宋/楷体/小标宋: map the names the document asks for onto installed CJK faces, as
 * a government PC would find its own (layout.md §5.3), so the preview is not all 黑体.
 */
const FONT_ALIASES: [string, string][] = [
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['楷体_GB2312', 'AR PL UKai CN'],
  ['楷体', 'AR PL UKai CN'],
]

export function writeFontsConf(dir: string): string {
  const file = path.join(dir, 'fonts.conf')
  const aliases = FONT_ALIASES.map(
    ([name, face]) =>
      `<alias binding="same"><family>${name}</family><prefer><family>${face}</family><family>Noto Serif CJK SC</family></prefer></alias>`,
  ).join('\n')
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${aliases}\n</fontconfig>\n`,
  )
  return file
}

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
  const env = { ...process.env, FONTCONFIG_FILE: writeFontsConf(profile) }
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
    if (fs.existsSync('/usr/bin/chromium')) {
      for (const [label, size] of [
        ['desktop', '1000,2400'],
        ['phone', '390,1600'],
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
            `file://${htmlFile}`,
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
