/**
 * Narratives for the years bench (bench/cli-years.ts): each agency writes its own text, as real
 * reports do. Lines are built from the clauses of the seed reports' narratives (so the words are
 * the field's), in an order and choice of the agency's own, with its own name and figures; last
 * year's text is partly carried into this year's (as officers do), and a few agencies copy a
 * neighbour's paragraph outright, so the copied-text checks (L10–L12) have real work and a
 * realistic number of findings, not one per paragraph per sibling.
 */
import { narrativePath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { getAt, setAt } from '@/lib/report/values'

/** A small seeded generator (mulberry32): the same files on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PLACES = [
  '博山',
  '周村',
  '临淄',
  '桓台',
  '高青',
  '沂源',
  '淄川',
  '张店',
  '历城',
  '章丘',
  '莱芜',
  '钢城',
  '平阴',
  '商河',
  '济阳',
  '长清',
  '市中',
  '槐荫',
  '天桥',
  '历下',
  '岱岳',
  '泰山',
  '新泰',
  '肥城',
  '宁阳',
  '东平',
  '兰山',
  '罗庄',
]
const UNITS = [
  '人民政府办公室',
  '发展和改革局',
  '教育和体育局',
  '科学技术局',
  '公安分局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '水利局',
  '商务局',
  '文化和旅游局',
  '卫生健康局',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '综合行政执法局',
  '行政审批服务局',
  '生态环境分局',
  '机关事务服务中心',
  '城市管理局',
]

/** 500 distinct agency names (place × unit), each a real-looking one. */
export function agencyName(i: number): string {
  return `${PLACES[i % PLACES.length]}区${UNITS[Math.floor(i / PLACES.length) % UNITS.length]}`
}

const PLACE_WORDS = /淄博市张店区|淄博市淄川区|张店区人民政府办公室|张店区|淄川区|区政府办公室|我办|我中心|本机关/g
const YEAR = /20\d\d年/g

/** Every clause of the seed narratives (split at 。；，：), without their place names. */
export function clausePool(reports: { format: FormatDef; report: { sections: Record<string, unknown> } }[]): string[] {
  const pool = new Set<string>()
  for (const { format, report } of reports) {
    for (const s of format.sections) {
      const at = narrativePath(s)
      const text = at ? getAt(report.sections, at.split('.')) : undefined
      if (typeof text !== 'string') continue
      for (const c of text.split(/[\n。；，：;,:]/)) {
        const clause = c.replace(PLACE_WORDS, '').trim()
        // Words only: a clause with a figure would contradict the agency's tables (N1), one with
        // Latin letters may be the seeds' own OCR debris (L1).
        if (clause.length >= 6 && !/^[（(]/.test(clause) && !/[0-9０-９A-Za-z]/.test(clause)) pool.add(clause)
      }
    }
  }
  return [...pool]
}

const pick = <T>(xs: T[], r: () => number) => xs[Math.floor(r() * xs.length)]

/** One line of an agency's text: its name, a few clauses of the field, a figure of its own. */
function line(name: string, year: number, pool: string[], r: () => number): string {
  const sentences: string[] = []
  const n = 2 + Math.floor(r() * 4)
  for (let s = 0; s < n; s++) {
    const clauses = Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(pool, r))
    sentences.push(clauses.join('，').replace(YEAR, `${year}年`))
  }
  const k = 1 + Math.floor(r() * sentences.length)
  sentences.splice(
    k,
    0,
    `${name}全年通过门户网站发布${pick(['政务动态', '政策文件', '通知公告', '解读材料'], r)}${Math.floor(r() * 900) + 10}条`,
  )
  return `${year}年，${name}${sentences.join('。')}。`
}

/** The lines of one narrative: headings of the seed kept, every other line the agency's own. */
export function agencyText(seedText: string, name: string, year: number, pool: string[], r: () => number): string {
  return seedText
    .split('\n')
    .map((l) => (l.trim().length < 20 ? l : line(name, year, pool, r)))
    .join('\n')
}

/** Most agencies say how last year's problems were dealt with (L8 asks for it); some forget. */
const FOLLOW_UP = '对上年度年报所列问题'
export function followUp(name: string, r: () => number): string {
  return r() < 0.9
    ? `\n${FOLLOW_UP}，${name}已${pick(['逐项整改落实', '制定整改清单并按期完成', '明确责任分工，整改到位'], r)}。`
    : ''
}

/** Next year's text: a quarter of last year's lines carried as they were (the year changed), the rest rewritten. */
export function nextYearText(lastYear: string, name: string, year: number, pool: string[], r: () => number): string {
  return lastYear
    .split('\n')
    .map((l) =>
      l.trim().length < 20 || l.startsWith(FOLLOW_UP)
        ? l
        : r() < 0.25
          ? l.replace(YEAR, `${year}年`)
          : line(name, year, pool, r),
    )
    .join('\n')
}

/** Writes a narrative of the report by section key (the preamble by its own key). */
export function setNarrative(
  format: FormatDef,
  report: { sections: Record<string, unknown>; preamble?: unknown },
  section: string,
  text: string,
) {
  if (section === format.preamble.key) {
    report.preamble = text
    return
  }
  const def = format.sections.find((s) => s.key === section)
  const at = def ? narrativePath(def) : undefined
  if (at) setAt(report.sections, at.split('.'), text)
}
