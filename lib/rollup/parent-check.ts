/**
 * Parent = Σ children (decision 0270): a 全区 report states figures for the government and every
 * agency under it; the 本级 reports beneath it, each agency counted once, should add up to them.
 * The rules are G1–G3; their findings name both sides: the parent's figure and the children's
 * sum with every contribution (lib/rollup/sum.ts drillDown).
 */
import type { FormatDef } from '@/lib/format/index'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { CellValue } from '@/lib/report/values'
import { pathIndex } from './format-map'
import { type RollupResult, rollupCells } from './sum'

export const PARENT_RULES = {
  G1: {
    severity: 'error',
    message: '全区年报的数字与所辖机关本级年报之和不一致',
    definition:
      '本级政府的年报为全区口径时，表二、表三、表四每一格等于所辖各机关（含本级）本级年报该格之和（每个机关只计一次，下级的全区年报不重复相加；金额按精确小数相加）',
  },
  G2: {
    severity: 'warning',
    message: '所辖机关中有未计入汇总的，全区数字无法完全核对',
    definition:
      '所辖机关中有未创建年报、尚无审核通过的版本或内容无法读取而未计入汇总的，或按另一版格式填报、表二不能折算的：逐一列出机关及原因',
  },
  G3: {
    severity: 'warning',
    message: '全区年报填写了数字，但所辖机关本级年报均未填写该项',
    definition: '全区年报某格填写了数字，而计入汇总的本级年报该格都是空白',
  },
} as const
export type ParentRuleId = keyof typeof PARENT_RULES

/** The family the parent rules are listed under on /rules and in docs/rules.md (both formats). */
export const PARENT_RULE_FAMILY = {
  id: 'G',
  title: '全区年报与所辖机关本级年报之和（汇总核对）',
  basis: '规则 G1–G3：在填报进度的汇总中，全区口径的本级政府年报与所辖机关本级年报逐格相加的结果比较',
} as const

export interface ParentFinding {
  rule: ParentRuleId
  severity: 'error' | 'warning'
  message: string
  /** The cell (G1, G3); absent for G2. */
  path?: string
  label?: string
  /** The 全区 report's value and the children's sum. */
  parent?: CellValue
  children?: CellValue
  /** G2: the agencies left out, with why. */
  agencies?: { agencyName: string; reason: string }[]
}

/**
 * Compares a 全区 report's tables (its values in ROLLUP_PATHS order, as lib/rollup/sum.ts cellsOf
 * gives them) with the roll-up of the 本级 reports beneath it.
 */
export function compareParentToChildren(
  format: FormatDef,
  parentCells: readonly unknown[],
  children: RollupResult,
): ParentFinding[] {
  const findings: ParentFinding[] = []
  // Agencies left out, and those whose table 二 could not be mapped from the other format.
  const partly = (children.mapped ?? []).filter((m) => m.unmapped.length > 0)
  if (children.excluded.length > 0 || partly.length > 0) {
    findings.push({
      rule: 'G2',
      severity: PARENT_RULES.G2.severity,
      message: PARENT_RULES.G2.message,
      agencies: [...children.excluded, ...partly].map((e) => ({ agencyName: e.agencyName, reason: e.reason })),
    })
  }
  for (const cell of rollupCells(format)) {
    const type = VALUE_TYPES[cell.valueType]
    const parentRaw = parentCells[pathIndex(cell.path)] ?? null
    const parent = parentRaw === null || parentRaw === '' ? null : type.toExact(parentRaw)
    const sum = children.totals[cell.path]
    const childExact = sum === null || sum === undefined ? null : type.toExact(sum)
    if (parent === null) continue
    if (childExact === null) {
      if (parent !== 0n)
        findings.push({
          rule: 'G3',
          severity: PARENT_RULES.G3.severity,
          message: PARENT_RULES.G3.message,
          path: cell.path,
          label: cell.label,
          parent: parentRaw as CellValue,
          children: null,
        })
      continue
    }
    if (parent !== childExact) {
      findings.push({
        rule: 'G1',
        severity: PARENT_RULES.G1.severity,
        message: PARENT_RULES.G1.message,
        path: cell.path,
        label: cell.label,
        parent: parentRaw as CellValue,
        children: sum,
      })
    }
  }
  return findings
}
