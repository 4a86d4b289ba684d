/**
 * “生成依申请公开情况表述”: the standard sentences of 依申请公开 written with linked numbers, so they
 * follow the table. Wording after the seed reports (张店区 2021: “共作出政府信息公开申请答复书105件，
 * 其中予以公开61件，占58.10%；部分公开3件，占2.86%…”; 张店区 2022: “结转下年度继续办理12件”).
 * An outcome the table holds none of is left out, as those reports do.
 */
import { targetCells } from '@/lib/format/narrative-phrases'
import { APPLICATION_KEYS } from '@/lib/format/shared-parts'
import type { FormatDef } from '@/lib/format/types'
import { getAt, isBlank, numericValue } from '@/lib/report/values'
import { cellToken, shareToken } from './links'

/** The outcomes in the order of table 三, with the words the sentence uses. */
const OUTCOMES: { rows: string[]; words: string }[] = [
  { rows: ['granted'], words: '予以公开' },
  { rows: [APPLICATION_KEYS.partiallyGranted], words: '部分公开' },
  { rows: ['denied'], words: '不予公开' },
  { rows: ['unableToProvide'], words: '无法提供' },
  { rows: ['notProcessed'], words: '不予处理' },
  { rows: ['otherDisposal'], words: '其他处理' },
]

/** The token of a table 三 row or row group (a group's token is its rows' sum: links.ts). */
function rowPath(format: FormatDef, row: string): string | null {
  const cells = targetCells(format, { applications: [row] })
  if (cells.length === 0) return null
  if (cells.length === 1) return cells[0]
  const [section, , column] = cells[0].split('.')
  return `${section}.${row}.${column}`
}

function rowValue(format: FormatDef, sections: unknown, row: string): number {
  const cells = targetCells(format, { applications: [row] })
  let total = 0
  for (const c of cells) {
    const v = getAt(sections, c.split('.'))
    if (isBlank(v)) return Number.NaN
    total += numericValue(v)
  }
  return total
}

/** The paragraph, or null when table 三 is not filled in enough to say anything. */
export function applicationSentence(format: FormatDef, year: number, sections: unknown): string | null {
  const newReceived = rowPath(format, APPLICATION_KEYS.newReceived)
  const carriedOver = rowPath(format, APPLICATION_KEYS.carriedOver)
  const total = rowPath(format, APPLICATION_KEYS.resultsTotal)
  const forward = rowPath(format, APPLICATION_KEYS.carriedForward)
  if (!newReceived || !carriedOver || !total || !forward) return null
  if (Number.isNaN(rowValue(format, sections, APPLICATION_KEYS.newReceived))) return null
  const link = (p: string) => `${cellToken(p)}件`
  const parts = [
    `${year}年，本机关共新收政府信息公开申请${link(newReceived)}，上年结转政府信息公开申请${link(carriedOver)}。`,
  ]
  const outcomes = OUTCOMES.flatMap((o) => {
    const path = rowPath(format, o.rows[0])
    const value = rowValue(format, sections, o.rows[0])
    if (!path || value === 0) return []
    return [`${o.words}${link(path)}，占${shareToken(path, total)}`]
  })
  parts.push(
    outcomes.length
      ? `本年度共办理答复${link(total)}，其中${outcomes.join('；')}。`
      : `本年度共办理答复${link(total)}。`,
  )
  parts.push(`结转下年度继续办理${link(forward)}。`)
  return parts.join('')
}
