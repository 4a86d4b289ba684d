/**
 * How the narrative speaks of the tables' quantities: the phrases a careful reader takes for a
 * statement about a cell, and the cells they mean (lib/narrative/statements reads it). Data, next
 * to the format definition: cells are named by the format's own row and group keys and resolved
 * per format (2021 and 2019), so no label or path is spelt twice.
 *
 * A phrase is matched in the clause before a number (after the last ，；： and after the previous
 * number), in the order listed: the first that matches decides. More specific phrases come first
 * (结转下年度 before 办理, 行政复议 before 收到申请), so “收到行政复议申请7件” is a review count.
 */
import { cellByPath, dataRows, groupRows, leafColumns, rowsUnder } from './cells'
import {
  APPLICATION_KEYS,
  APPLICATIONS_TOTAL_COLUMN,
  REVIEW_LITIGATION_TABLE,
  REVIEW_TOTAL_RESULT,
} from './shared-parts'
import type { FormatDef, FormatVersion, MatrixTableDef } from './types'

/** Where a quantity lives: rows (or row groups) of table 三 by their total column, table 四, or paths per format. */
export type PhraseTarget =
  | { applications: string[] }
  | { review: 'review' | 'litigation'; result: string }
  | { paths: Partial<Record<FormatVersion, string[]>> }

export interface QuantityPhrase {
  id: string
  /** Tested against the clause before the number. */
  lead: RegExp
  /** Not a statement about the tables when the sentence matches (主动公开/依申请公开/不予公开 as a document's attribute). */
  unless?: RegExp
  unit: 'count' | 'yuan'
  target: PhraseTarget
  /**
   * Other cells the phrase may fairly mean (收到 = 新收, or 新收 + 上年结转): a stated number equal
   * to one of them is not a contradiction. With `wording`, the officer is offered a clearer one (info).
   */
  alternatives?: { target: PhraseTarget; wording?: true }[]
  /** A share (占X%) of this quantity is of these, in order of preference. */
  shareOf?: PhraseTarget[]
}

const A = APPLICATION_KEYS
const OUTCOME_UNLESS = /主动公开[^，。；]{0,8}\d/

/** Table 三's outcome groups and rows by the words a report uses for them. */
const RESULTS: PhraseTarget = { applications: [A.resultsTotal] }
const RECEIVED_ALL: PhraseTarget = { applications: [A.newReceived, A.carriedOver] }
const NEW: PhraseTarget = { applications: [A.newReceived] }
const SHARE_BASES = [RESULTS, RECEIVED_ALL, NEW]

export const QUANTITY_PHRASES: QuantityPhrase[] = [
  {
    id: 'carriedForward',
    lead: /结转(?:到|至)?下(?:一)?年(?:度)?|转入下(?:一)?年(?:度)?|下(?:一)?年度继续办理/,
    unit: 'count',
    target: { applications: [A.carriedForward] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'carriedOver',
    lead: /上(?:一)?年(?:度)?结转|结转上(?:一)?年(?:度)?/,
    unit: 'count',
    target: { applications: [A.carriedOver] },
  },
  {
    id: 'reviewTotal',
    lead: /行政复议/,
    unit: 'count',
    target: { review: 'review', result: REVIEW_TOTAL_RESULT },
  },
  {
    id: 'litigationTotal',
    lead: /行政诉讼|提起诉讼|起诉/,
    unit: 'count',
    target: { review: 'litigation', result: REVIEW_TOTAL_RESULT },
  },
  {
    id: 'grantedAndPartial',
    lead: /予以公开(?:和|及|与|以及|、)部分公开|全部或部分公开/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['granted', A.partiallyGranted] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'partiallyGranted',
    lead: /部分公开/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: [A.partiallyGranted] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'denied',
    lead: /不予公开/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['denied'] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'unableToProvide',
    lead: /无法提供/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['unableToProvide'] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'notProcessed',
    lead: /不予处理/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['notProcessed'] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'otherDisposal',
    lead: /其他处理/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['otherDisposal'] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'granted',
    lead: /予以公开|同意公开|全部公开/,
    unless: OUTCOME_UNLESS,
    unit: 'count',
    target: { applications: ['granted'] },
    shareOf: SHARE_BASES,
  },
  {
    id: 'newReceived',
    lead: /新收|新受理|新增(?:政府信息公开|依申请公开)?申请/,
    unit: 'count',
    target: NEW,
  },
  {
    id: 'received',
    lead: /(?:收到|受理|接收|接到|收悉)[^，；：]*(?:申请|依申请公开)|(?:申请|依申请公开)[^，；：]*(?:收到|受理)/,
    unit: 'count',
    target: NEW,
    alternatives: [{ target: RECEIVED_ALL, wording: true }],
  },
  {
    id: 'handled',
    lead: /(?:办结|办理|答复|作出)[^，；：]*(?:申请|依申请公开|答复书?)|(?:申请|依申请公开)[^，；：]*(?:办结|答复)/,
    unit: 'count',
    target: RESULTS,
    // 办理 may count what is still in hand: 新收 + 上年结转.
    alternatives: [{ target: RECEIVED_ALL }],
  },
  {
    id: 'regulationsIssued',
    lead: /(?:制发|制定|出台|印发|发布)[^，；：]*规章/,
    unit: 'count',
    target: {
      paths: {
        '2021': ['proactiveDisclosure.art20_1.regulations.issued'],
        '2019': ['proactiveDisclosure.art20_1.regulations.newlyMade'],
      },
    },
  },
  {
    id: 'regulationsRepealed',
    lead: /废止[^，；：]*规章/,
    unit: 'count',
    target: { paths: { '2021': ['proactiveDisclosure.art20_1.regulations.repealed'] } },
  },
  {
    id: 'regulationsInForce',
    lead: /现行有效[^，；：]*规章/,
    unit: 'count',
    target: { paths: { '2021': ['proactiveDisclosure.art20_1.regulations.inForce'] } },
  },
  {
    id: 'normativeIssued',
    lead: /(?:制发|制定|出台|印发)[^，；：]*规范性文件/,
    unit: 'count',
    target: {
      paths: {
        '2021': ['proactiveDisclosure.art20_1.normativeDocuments.issued'],
        '2019': ['proactiveDisclosure.art20_1.normativeDocuments.newlyMade'],
      },
    },
  },
  {
    id: 'normativeRepealed',
    lead: /废止[^，；：]*规范性文件/,
    unit: 'count',
    target: { paths: { '2021': ['proactiveDisclosure.art20_1.normativeDocuments.repealed'] } },
  },
  {
    id: 'normativeInForce',
    lead: /现行有效[^，；：]*规范性文件/,
    unit: 'count',
    target: { paths: { '2021': ['proactiveDisclosure.art20_1.normativeDocuments.inForce'] } },
  },
  {
    id: 'feeNotices',
    lead: /收费通知/,
    unit: 'count',
    target: {
      paths: {
        '2021': ['otherMatters.infoProcessingFee.noticesIssued'],
        '2019': ['otherMatters.infoProcessingFee.noticesIssued'],
      },
    },
  },
  {
    id: 'feeBilled',
    lead: /应收[^，；：]*(?:信息)?处理费/,
    unit: 'yuan',
    target: {
      paths: {
        '2021': ['otherMatters.infoProcessingFee.amountBilledYuan'],
        '2019': ['otherMatters.infoProcessingFee.amountBilledYuan'],
      },
    },
  },
  {
    id: 'feeCollected',
    lead: /(?:信息)?处理费/,
    unit: 'yuan',
    target: {
      paths: {
        '2021': ['otherMatters.infoProcessingFee.amountCollectedYuan'],
        '2019': ['otherMatters.infoProcessingFee.amountCollectedYuan'],
      },
    },
  },
]

/**
 * Statements without a number that still state one: “未收到政府信息公开申请” (0), “未发生行政诉讼”
 * (0), “未收取任何信息处理费” (0). Tested against one clause.
 */
export interface ZeroPhrase {
  id: string
  clause: RegExp
  unless?: RegExp
  target: PhraseTarget
}

export const ZERO_PHRASES: ZeroPhrase[] = [
  {
    id: 'noApplications',
    clause: /(?:未|没有)(?:收到|接到|受理)(?:任何)?(?:政府信息公开|依申请公开)申请/,
    target: NEW,
  },
  {
    id: 'noReview',
    clause:
      /(?:未|没有|无)(?:发生|出现|收到|涉及|被申请)?(?:因政府信息公开(?:工作)?(?:被申请)?)?(?:政府信息公开)?行政复议/,
    target: { review: 'review', result: REVIEW_TOTAL_RESULT },
  },
  {
    id: 'noLitigation',
    clause:
      /(?:未|没有|无)(?:发生|出现|涉及|被提起)?(?:因政府信息公开(?:工作)?(?:被提起)?)?(?:政府信息公开)?(?:行政复议(?:和|及|、|或)?)?行政诉讼/,
    target: { review: 'litigation', result: REVIEW_TOTAL_RESULT },
  },
  {
    id: 'noFee',
    clause: /(?:未|没有|无|不)(?:向申请人)?(?:收取|产生)(?:任何)?[^，。；]{0,12}(?:处理费|费用)/,
    target: {
      paths: {
        '2021': ['otherMatters.infoProcessingFee.amountCollectedYuan'],
        '2019': ['otherMatters.infoProcessingFee.amountCollectedYuan'],
      },
    },
  },
]

/** The words every ZERO_PHRASES clause starts with (statements.test.ts checks each phrase). */
export const ZERO_LEAD = /[未没无不]/

/** After a review or litigation count: every case upheld (“均获维持”, “结果为维持”). */
export const ALL_UPHELD = /(?:均|全部|都|皆)(?:获|被|予以|得到|已)?维持|结果(?:均)?为维持/
export const UPHELD_RESULT = 'upheld'

/** A share right after a quantity: “占58.10%”, “占比2.86%”, “（58.1%）”. */
export const SHARE_LEAD = /^(?:，|,)?\s*(?:占(?:比|总数的?|全部申请的?)?(?:为)?|比例为|（|\()$/

/** A change from last year after a quantity: “同比增长20%”, “较去年回落5.2%”, “比上年减少3件”. */
export const CHANGE_LEAD =
  /(?:同比|较(?:去年|上年|上一年)(?:度)?(?:同期)?|比(?:去年|上年|上一年)(?:度)?(?:同期)?|与(?:去年|上年)相比)(增长|增加|上升|提高|多|下降|减少|回落|降低|少)(?:了)?$/
export const CHANGE_UP = /增长|增加|上升|提高|多/

/** Units a count or an amount is written with. */
export const COUNT_UNITS = ['件', '条', '起', '宗', '个', '项', '次', '份'] as const
export const AMOUNT_UNITS = ['元'] as const

/** Before the items of an internal sum, and after them the total: “其中”, “共计/合计/总计”. */
export const SUM_PARTS_LEAD = /其中/
export const SUM_TOTAL_LEAD = /(?:共计|合计|总计|共)$/

const targetCache = new WeakMap<FormatDef, Map<PhraseTarget, string[]>>()

/** The cells a phrase target means in a format (empty when the format has no such cell). Cached per target. */
export function targetCells(format: FormatDef, target: PhraseTarget): string[] {
  let cache = targetCache.get(format)
  if (!cache) {
    cache = new Map()
    targetCache.set(format, cache)
  }
  const hit = cache.get(target)
  if (hit) return hit
  const cells = resolveTarget(format, target)
  // Targets made on the fly (a result of a review group) are not kept: only the declared ones.
  if (cache.size < 256) cache.set(target, cells)
  return cells
}

function resolveTarget(format: FormatDef, target: PhraseTarget): string[] {
  if ('paths' in target) return target.paths[format.version] ?? []
  if ('review' in target) {
    const table = REVIEW_LITIGATION_TABLE
    const groups =
      target.review === 'review'
        ? table.groups.filter((g) => g.key === 'review')
        : table.groups.filter((g) => g.parent === 'litigation')
    return groups.map((g) => `${table.key}.${g.key}.${target.result}`)
  }
  const section = format.sections.find((s) => s.key === 'applications')
  if (section?.kind !== 'table' || section.table.kind !== 'matrix') return []
  const matrix: MatrixTableDef = section.table
  const total = leafColumns(matrix.columns).find((c) => c.key === APPLICATIONS_TOTAL_COLUMN)?.key
  if (!total) return []
  const rows = new Set(dataRows(matrix.rows).map((r) => r.key))
  const groups = new Set(groupRows(matrix.rows).map((g) => g.key))
  return target.applications.flatMap((key) => {
    const keys = rows.has(key) ? [key] : groups.has(key) ? rowsUnder(matrix, key) : []
    return keys.map((k) => `${section.key}.${k}.${total}`)
  })
}

/**
 * The cells named for people: a whole row group of table 三 by the group's label (（三）不予公开),
 * other cells by their row and column labels.
 */
export function cellsLabel(format: FormatDef, cells: string[]): string {
  const section = format.sections.find((s) => s.key === 'applications')
  const rest = new Set(cells)
  const names: string[] = []
  if (section?.kind === 'table' && section.table.kind === 'matrix') {
    const matrix = section.table
    for (const group of groupRows(matrix.rows)) {
      const paths = rowsUnder(matrix, group.key).map((r) => `${section.key}.${r}.${APPLICATIONS_TOTAL_COLUMN}`)
      if (paths.length > 1 && paths.every((p) => rest.has(p))) {
        for (const p of paths) rest.delete(p)
        names.push(`${group.label}·总计`)
      }
    }
  }
  for (const c of cells) if (rest.has(c)) names.push(cellByPath(format, c)?.label ?? c)
  return names.join(' + ')
}
