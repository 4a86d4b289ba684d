/**
 * Leftovers of editing in a narrative line (issue 14): OCR debris (L1), conversion marks (L2),
 * placeholders (L3), another year called 本年 (L4), a section heading pasted into a body (L5).
 * Each check reads one line and says where; nothing here knows the tables. Tuned on every real
 * report in the shared seeds, fixtures and portal pages: the sentences they print that must stay
 * silent are unit tests (leftovers.test.ts).
 */
import { excerpt, type NarrativeLine } from './texts'

export interface LineFinding {
  ruleId: string
  paragraph: number
  /** The place as written (an excerpt of a long line). */
  quote: string
  /** What was found, in words (the finding's `actual`). */
  detail: string
}

/**
 * Capitals that real reports print on purpose (APP, ICP备案, H5, OA, PDF …): never debris. A run
 * of capitals is debris when it is long (an OCR line read as Latin letters) or several short
 * unknown ones come together.
 */
const KNOWN_CAPITALS = new Set([
  'APP',
  'ICP',
  'OA',
  'PDF',
  'OFD',
  'WPS',
  'PC',
  'QQ',
  'CA',
  'AI',
  'API',
  'URL',
  'WWW',
  'HTTP',
  'HTTPS',
  'GPS',
  'VR',
  'AR',
  'PPT',
  'DOC',
  'DOCX',
  'XLS',
  'XLSX',
  'EMS',
  'SMS',
  'CPI',
  'GDP',
  'PPP',
  'BIM',
  'IPV',
  'WIFI',
  'WLAN',
  'CN',
  'GOV',
  'COM',
  'ID',
  'IT',
  'IP',
  'CEO',
  'LED',
  'USB',
  'ISO',
  'GB',
  'GBT',
  'PM',
  'COVID',
  'NO',
])
/** Web addresses and e-mail addresses are not debris, whatever their case. */
const ADDRESS =
  /(?:https?:\/\/)?(?:[\w-]+\.)+(?:gov|com|cn|org|net|edu)(?:\.cn)?(?:[/?#][\w./?#=&%-]*)?|[\w.-]+@[\w.-]+/gi
const CAPITAL_RUN = /[A-Z][A-Z0-9]*(?:[A-Z0-9])/g
const HAS_CAPITAL = /[A-Z]/
/** One unknown run at least this long is debris on its own (ENELRTRESRURESEE). */
const LONG_RUN = 8
/** Unknown runs of 3+ capitals: this many in one line are debris (TEDERATLSEEHRS AT TFEER …). */
const RUNS_IN_LINE = 3

export function ocrDebris(line: NarrativeLine): LineFinding | null {
  // No capital, no run (most lines are Chinese): the address pattern need not run over them.
  if (!HAS_CAPITAL.test(line.plain)) return null
  const text = line.plain.replace(ADDRESS, (m) => ' '.repeat(m.length))
  const unknown: { start: number; end: number; run: string }[] = []
  for (const m of text.matchAll(CAPITAL_RUN)) {
    const run = m[0]
    const letters = run.replace(/[0-9]/g, '')
    if (letters.length < 3 || KNOWN_CAPITALS.has(letters)) continue
    unknown.push({ start: m.index, end: m.index + run.length, run })
  }
  const long = unknown.find((u) => u.run.length >= LONG_RUN)
  if (!long && unknown.length < RUNS_IN_LINE) return null
  const first = long ?? unknown[0]
  const last = long ?? unknown[Math.min(unknown.length, RUNS_IN_LINE) - 1]
  return {
    ruleId: 'L1',
    paragraph: line.paragraph,
    quote: excerpt(line.plain, first.start, last.end, 8),
    detail: `疑似识别残留：${unknown
      .slice(0, 3)
      .map((u) => u.run)
      .join(' ')}`,
  }
}

/** What Word, WPS or a converter leaves in text: image placeholders, bookmarks, field codes. */
const CONVERSION_MARK =
  /\[(?:image|img|picture|figure|图片|图像)(?::|：)?[^\]\n]{0,120}\]|\[bookmark:[^\]\n]{0,80}\]|\b_(?:GoBack|Hlk\d+|Toc\d+|Ref\d+)\b|\bMERGEFORMAT\b|\bHYPERLINK\s+"|\bPAGEREF\b/i

export function conversionMark(line: NarrativeLine): LineFinding | null {
  const m = CONVERSION_MARK.exec(line.plain)
  if (!m) return null
  return {
    ruleId: 'L2',
    paragraph: line.paragraph,
    quote: excerpt(line.plain, m.index, m.index + m[0].length),
    detail: `转换残留标记：${m[0]}`,
  }
}

/**
 * Text left to be filled in. XX / ×× stand alone (not inside a Latin word or an OCR run),
 * 某某 only with a place or office after it (某某局), the rest as written.
 */
const PLACEHOLDER =
  /(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])|[×✕]{2,}|○{2,}|□{2,}|某某(?=[省市县区局委办厅镇乡街村单位部门公司]|年|月|日)|待补充|待填写|待完善|此处填写|此处(?:输入|添加)|请(?:在此)?填写|请输入|\bTODO\b|\bTBD\b|【[^】\n]{0,10}(?:填写|补充)[^】\n]{0,10}】/

export function placeholder(line: NarrativeLine): LineFinding | null {
  const m = PLACEHOLDER.exec(line.plain)
  if (!m) return null
  return {
    ruleId: 'L3',
    paragraph: line.paragraph,
    quote: excerpt(line.plain, m.index, m.index + m[0].length),
    detail: `待填内容：${m[0]}`,
  }
}

/**
 * A year named as this one (本年度（2021年）, 2021年即本年度, 统计期限自2021年1月1日起) that is not the
 * report's year: text carried over from an earlier report. Only where the words make the year
 * this one: “本年度较2021年增长” compares with another year and stays silent.
 */
const THIS_YEAR_PATTERNS: RegExp[] = [
  /本年度?[（(](\d{4})年?度?[）)]/g,
  /(\d{4})年度?[（(]本年度?[）)]/g,
  /本年度?(?:即|为|是)(\d{4})年/g,
  /(\d{4})年度?(?:即|为|是)本年度?/g,
  /统计(?:期限|时限|期间|区间|时段|范围)[^。；\n]{0,12}?(\d{4})年1月1日/g,
]
/** In the preamble the report's own title names its year (编制2024年政府信息公开工作年度报告). */
const OWN_TITLE = /(?:编制|公布|发布|现将|向社会公开)[^。；\n]{0,20}?(\d{4})年度?政府信息公开(?:工作)?年度?报告/g

export function wrongYear(line: NarrativeLine, year: number | undefined, isPreamble: boolean): LineFinding | null {
  if (!year) return null
  // Most lines name neither 本年 nor a statistical period: skip them before any pattern.
  if (!/本年|统计/.test(line.plain) && !(isPreamble && line.plain.includes('年度报告'))) return null
  const patterns = isPreamble ? [...THIS_YEAR_PATTERNS, OWN_TITLE] : THIS_YEAR_PATTERNS
  // Typeset with spaces around the digits (自 2024 年 1 月 1 日) reads the same.
  const compact = line.plain.replace(/[\s\u3000]+/g, '')
  for (const pattern of patterns) {
    for (const m of compact.matchAll(pattern)) {
      const named = Number(m[1])
      if (named === year) continue
      return {
        ruleId: 'L4',
        paragraph: line.paragraph,
        quote: excerpt(compact, m.index, m.index + m[0].length),
        detail: `写作本年度的是${named}年，本报告为${year}年度`,
      }
    }
  }
  return null
}

/** A heading as compared: no spaces, no closing stop, the dash some paste for 一. */
export function headingKey(text: string): string {
  return text
    .replace(/[\s\u3000*]/g, '')
    .replace(/^[—–-]、/, '一、')
    .replace(/[。：:]$/, '')
}

/** Longer keys are body text, not a heading. */
const MAX_HEADING_KEY = 40

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator), or the `*` headingKey drops. */
function dropped(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)
  if (unit < 0xa0) return unit === 0x2a
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  )
}

/**
 * True when more than `limit` code units of the text survive headingKey's first replace: its key
 * is then at least `limit` long (the other replaces keep the length or drop one), so a long body
 * line is told apart after a few dozen characters instead of rewritten whole.
 */
function keptMoreThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false
  let kept = 0
  for (let i = 0; i < text.length; i++) if (!dropped(text.charCodeAt(i)) && ++kept > limit) return true
  return false
}

/** The heading without its number (总体情况), as a pasted body may print it. */
const unnumbered = (heading: string) => headingKey(heading).replace(/^[一二三四五六七八九十]+、/, '')

/**
 * A heading's keys, made once per heading (the format's headings are few, and every short line
 * of every report is compared with all of them: decision 0730).
 */
const headingKeyCache = new Map<string, { key: string; unnumbered: string; numbered: boolean }>()
function headingKeys(heading: string): { key: string; unnumbered: string; numbered: boolean } {
  let keys = headingKeyCache.get(heading)
  if (!keys) {
    keys = {
      key: headingKey(heading),
      unnumbered: unnumbered(heading),
      numbered: /^[一二三四五六七八九十]+、/.test(heading),
    }
    headingKeyCache.set(heading, keys)
  }
  return keys
}

export interface HeadingInfo {
  section: string
  heading: string
}

/**
 * A line that is a section heading: this section's own (pasted with its body) or another's (a
 * whole report pasted into one section). Numbered headings match whole; the own heading also
 * without its number. Sub-headings (（一）主动公开) are not section headings.
 */
export function pastedHeading(line: NarrativeLine, own: HeadingInfo, all: HeadingInfo[]): LineFinding | null {
  if (keptMoreThan(line.plain, MAX_HEADING_KEY + 1)) return null
  const key = headingKey(line.plain)
  if (key.length > MAX_HEADING_KEY) return null
  const mine = headingKeys(own.heading)
  if (key === mine.key || (mine.unnumbered.length >= 4 && key === mine.unnumbered)) {
    return {
      ruleId: 'L5',
      paragraph: line.paragraph,
      quote: line.quote,
      detail: `正文中重复了本部分标题“${own.heading}”（标题由系统统一排版）`,
    }
  }
  const other = all.find(
    (h) => h.section !== own.section && headingKeys(h.heading).numbered && key === headingKeys(h.heading).key,
  )
  if (!other) return null
  return {
    ruleId: 'L5',
    paragraph: line.paragraph,
    quote: line.quote,
    detail: `正文中出现了另一部分的标题“${other.heading}”，疑似整篇粘贴`,
  }
}
