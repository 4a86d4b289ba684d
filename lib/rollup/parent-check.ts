/**
 * Parent = Σ children (decision 0270): a 全区 report states figures for the government and every
 * agency under it; the 本级 reports beneath it, each agency counted once, should add up to them.
 * The rules are G1–G3; their findings name both sides: the parent's figure and the children's
 * sum with every contribution (lib/rollup/sum.ts drillDown).
 */
import type { FormatDef } from '@/lib/format/index'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { CellValue } from '@/lib/report/values'
import { type RollupResult, rollupCells } from './sum'

export const PARENT_RULES = {
  G1: { severity: 'error', message: '全区年报的数字与所辖机关本级年报之和不一致' },
  G2: { severity: 'warning', message: '所辖机关中有未计入汇总的，全区数字无法完全核对' },
  G3: { severity: 'warning', message: '全区年报填写了数字，但所辖机关本级年报均未填写该项' },
} as const
export type ParentRuleId = keyof typeof PARENT_RULES

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

function valueAt(sections: Record<string, unknown>, segments: readonly string[]): unknown {
  let node: unknown = sections
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return null
    node = (node as Record<string, unknown>)[s]
  }
  return node ?? null
}

/** Compares a 全区 report's tables with the roll-up of the 本级 reports beneath it. */
export function compareParentToChildren(
  format: FormatDef,
  parentSections: Record<string, unknown>,
  children: RollupResult,
): ParentFinding[] {
  const findings: ParentFinding[] = []
  if (children.excluded.length > 0) {
    findings.push({
      rule: 'G2',
      ...PARENT_RULES.G2,
      agencies: children.excluded.map((e) => ({ agencyName: e.agencyName, reason: e.reason })),
    })
  }
  for (const cell of rollupCells(format)) {
    const type = VALUE_TYPES[cell.valueType]
    const parentRaw = valueAt(parentSections, cell.segments)
    const parent = parentRaw === null || parentRaw === '' ? null : type.toExact(parentRaw)
    const sum = children.totals[cell.path]
    const childExact = sum === null || sum === undefined ? null : type.toExact(sum)
    if (parent === null) continue
    if (childExact === null) {
      if (parent !== 0n)
        findings.push({
          rule: 'G3',
          ...PARENT_RULES.G3,
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
        ...PARENT_RULES.G1,
        path: cell.path,
        label: cell.label,
        parent: parentRaw as CellValue,
        children: sum,
      })
    }
  }
  return findings
}
