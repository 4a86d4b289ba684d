/**
 * Builders of the cross-year rules (spec/format.md §4.4–4.6): each compares this year's cells
 * with last year's report, mapped to this format (lib/rules/previous.ts). Cells and labels come
 * from the declared tables, as in rule-builders.ts.
 */
import { dataRows, leafColumns, sectionCells } from './cells'
import { sectionByKey } from './rule-builders'
import { APPLICATION_KEYS } from './shared-parts'
import type { BlockTableDef, MatrixTableDef, RuleDef, SectionDef, SingleRowTableDef } from './types'

const path = (...segments: string[]) => segments.join('.')

/** A jump of more than this many times either way (issue 13), from a last-year value at least… */
export const JUMP_FACTOR = 5
export const JUMP_MIN_PREVIOUS = 10

function blockOf(sections: SectionDef[], sectionKey: string, blockKey: string) {
  const table = sectionByKey(sections, sectionKey, 'table').table as BlockTableDef
  const block = table.blocks.find((b) => b.key === blockKey)
  if (!block) throw new Error(`no block ${blockKey} in ${sectionKey}`)
  const column = (key: string) => {
    const c = block.columns.find((col) => col.key === key)
    if (!c) throw new Error(`no column ${key} in ${sectionKey}.${blockKey}`)
    return c
  }
  return { block, column }
}

/** X1 per column of table 三: 上年结转 = last year's 结转下年度继续办理 (also across the format change). */
export function carriedOverRules(sections: SectionDef[], sectionKey: string): RuleDef[] {
  const table = sectionByKey(sections, sectionKey, 'table').table as MatrixTableDef
  const rows = dataRows(table.rows)
  const label = (key: string) => rows.find((r) => r.key === key)?.label.replace(/^[一二三四五六七八九十]+、/, '') ?? key
  return leafColumns(table.columns).map((c) => ({
    kind: 'continuity',
    id: `X1.${c.key}`,
    family: 'X',
    severity: 'warning',
    op: 'eq',
    left: [{ path: path(sectionKey, APPLICATION_KEYS.carriedOver, c.key) }],
    right: [{ path: path(sectionKey, APPLICATION_KEYS.carriedForward, c.key), previous: true }],
    message: `${c.label}：${label(APPLICATION_KEYS.carriedOver)}应等于上年度年报的“${label(APPLICATION_KEYS.carriedForward)}”，不一致的请说明原因`,
  }))
}

/** P1, P2 per row of table 二（一） (2021): the stock follows from last year's plus issued less repealed. */
export function stockFlowRules(
  sections: SectionDef[],
  sectionKey: string,
  blockKey: string,
  keys: { issued: string; repealed: string; inForce: string },
): RuleDef[] {
  const { block, column } = blockOf(sections, sectionKey, blockKey)
  const [issued, repealed, inForce] = [column(keys.issued), column(keys.repealed), column(keys.inForce)]
  const at = (row: string, col: string) => path(sectionKey, block.key, row, col)
  return [
    ...block.rows.map(
      (r): RuleDef => ({
        kind: 'continuity',
        id: `P1.${r.key}`,
        family: 'P',
        severity: 'warning',
        op: 'eq',
        left: [{ path: at(r.key, inForce.key) }],
        right: [
          { path: at(r.key, inForce.key), previous: true },
          { path: at(r.key, issued.key) },
          { path: at(r.key, repealed.key), negative: true },
        ],
        message: `${r.label}：${inForce.label}应等于上年度${inForce.label}加${issued.label}减${repealed.label}`,
      }),
    ),
    ...block.rows.map(
      (r): RuleDef => ({
        kind: 'continuity',
        id: `P2.${r.key}`,
        family: 'P',
        severity: 'warning',
        op: 'lte',
        left: [{ path: at(r.key, repealed.key) }],
        right: [{ path: at(r.key, inForce.key), previous: true }, { path: at(r.key, issued.key) }],
        message: `${r.label}：${repealed.label}不应超过上年度${inForce.label}与${issued.label}之和`,
      }),
    ),
  ]
}

/** Q2 (2019): 上一年项目数量 = last year's 上一年项目数量 + 本年增/减, per row of the blocks that have both. */
export function itemCountRules(
  sections: SectionDef[],
  sectionKey: string,
  keys: { prior: string; change: string },
): RuleDef[] {
  const table = sectionByKey(sections, sectionKey, 'table').table as BlockTableDef
  return table.blocks.flatMap((block) => {
    const prior = block.columns.find((c) => c.key === keys.prior)
    const change = block.columns.find((c) => c.key === keys.change)
    if (!prior || !change) return []
    return block.rows.map(
      (r): RuleDef => ({
        kind: 'continuity',
        id: `Q2.${r.key}`,
        family: 'Q',
        severity: 'warning',
        op: 'eq',
        left: [{ path: path(sectionKey, block.key, r.key, prior.key) }],
        right: [
          { path: path(sectionKey, block.key, r.key, prior.key), previous: true },
          { path: path(sectionKey, block.key, r.key, change.key), previous: true },
        ],
        message: `${r.label}：${prior.label}应等于上年度的${prior.label}加${change.label}`,
      }),
    )
  })
}

/** Q5 (2019): 对外公开总数量 does not fall below last year's, unless documents were withdrawn. */
export function totalPublishedRules(
  sections: SectionDef[],
  sectionKey: string,
  blockKey: string,
  totalKey: string,
): RuleDef[] {
  const { block, column } = blockOf(sections, sectionKey, blockKey)
  const total = column(totalKey)
  return block.rows.map((r) => ({
    kind: 'continuity',
    id: `Q5.${r.key}`,
    family: 'Q',
    severity: 'info',
    op: 'gte',
    left: [{ path: path(sectionKey, block.key, r.key, total.key) }],
    right: [{ path: path(sectionKey, block.key, r.key, total.key), previous: true }],
    message: `${r.label}：${total.label}通常不少于上年度（有文件撤回的除外）`,
  }))
}

/** R3: last year's 尚未审结 cases, shown for reference beside this year's table 四. */
export function pendingReferenceRule(sections: SectionDef[], sectionKey: string, pendingKey: string): RuleDef {
  const table = sectionByKey(sections, sectionKey, 'table').table as SingleRowTableDef
  const pending = table.results.find((r) => r.key === pendingKey)
  if (!pending) throw new Error(`no result ${pendingKey} in ${sectionKey}`)
  return {
    kind: 'reference',
    id: 'R3',
    family: 'R',
    severity: 'info',
    previous: table.groups.map((g) => path(sectionKey, g.key, pending.key)),
    cells: table.groups.flatMap((g) => table.results.map((res) => path(sectionKey, g.key, res.key))),
    message: `上年度有${pending.label}的案件，通常在本年度有结果，请对照核实本年度数据`,
  }
}

/**
 * X4: a value of tables 二、三、四 more than five times, or under a fifth of, a last-year value
 * of at least 10. Totals the editor derives are left out (their parts are checked); so are
 * signed values (本年增/减).
 */
export function jumpRule(sections: SectionDef[], tableKeys: string[], rules: RuleDef[]): RuleDef {
  const derived = new Set(rules.flatMap((r) => (r.kind === 'linear' && r.derives ? r.left : [])))
  const cells = sections
    .filter((s) => tableKeys.includes(s.key))
    .flatMap(sectionCells)
    .filter((c) => c.valueType !== 'signedCount' && !derived.has(c.path))
    .map((c) => c.path)
  return {
    kind: 'jump',
    id: 'X4',
    family: 'X',
    severity: 'info',
    cells,
    factor: JUMP_FACTOR,
    minPrevious: JUMP_MIN_PREVIOUS,
    message: `与上年度相比，数值达到上年度的${JUMP_FACTOR}倍以上或不到1/${JUMP_FACTOR}，欢迎在说明中写明原因`,
  }
}
