/**
 * Debian has no 仿宋, 楷体 or 小标宋. For previews (LibreOffice, Chromium) map the names the
 * document asks for onto installed CJK faces, as a government PC finds its own (layout.md §5.3),
 * so that a preview is not set entirely in the 黑体-like fallback.
 */
import fs from 'node:fs'
import path from 'node:path'

const FONT_ALIASES: [string, string][] = [
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['仿宋', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['宋体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['楷体_GB2312', 'AR PL UKai CN'],
  ['楷体', 'AR PL UKai CN'],
]

/** Writes a fonts.conf into dir and returns its path, for FONTCONFIG_FILE. */
export function writePreviewFontsConf(dir: string): string {
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
