/**
 * The shape of a report format declaration. A format (gov-2021, gov-2019) is plain data of
 * these types; schemas, rules, the editor, renderers and the interchange are derived from it.
 */

export type FormatVersion = '2021' | '2019'

/** How one cell's value is typed and stored. */
export type CellValueType =
  /** A non-negative whole number (件、个、次). Stored as a number. */
  | 'count'
  /** A whole number that may be negative (2019 本年增/减). Stored as a number. */
  | 'signedCount'
  /** A non-negative decimal kept exactly as entered (万元、元). Stored as a string. */
  | 'decimal'

/** A value column of a table, or a field of a fact group. */
export interface ColumnDef {
  key: string
  label: string
}

/** A node of a column header tree: a leaf column or a labelled group of columns. */
export type ColumnNode =
  | { kind: 'column'; key: string; label: string }
  | { kind: 'columnGroup'; key: string; label: string; children: ColumnNode[] }

/** A node of a row tree: a data row holding values, or a merged group label with no values. */
export type RowNode =
  | { kind: 'row'; key: string; label: string; hint?: string }
  | {
      kind: 'rowGroup'
      key: string
      label: string
      /** Typeset the merged label top-to-bottom (三、本年度办理结果). */
      vertical?: boolean
      children: RowNode[]
    }

/** Table 二: blocks, each a caption, a 信息内容 header and rows over the block's own columns. */
export interface BlockTableDef {
  kind: 'blocks'
  key: string
  /** Label of the first header cell of every block (信息内容). */
  rowHeaderLabel: string
  /** Width of the value area in grid columns; a single-column block spans all of them. */
  valueColumns: number
  blocks: {
    key: string
    caption: string
    columns: (ColumnDef & { valueType: CellValueType; unit?: string })[]
    rows: { key: string; label: string }[]
    /** A unit chosen per report, stored beside the row's cells (2019 采购总金额). */
    unitField?: { key: string; label: string; options: string[] }
  }[]
}

/** Table 三: a row tree × a column tree, with a merged corner cell over the label columns. */
export interface MatrixTableDef {
  kind: 'matrix'
  key: string
  corner: string
  valueType: CellValueType
  columns: ColumnNode[]
  rows: RowNode[]
}

/** Table 四: one row of values under a column tree; the leaf path is group → result. */
export interface SingleRowTableDef {
  kind: 'singleRow'
  key: string
  valueType: CellValueType
  /** Each group's data lives under sections[key][group.key][result.key]. */
  groups: { key: string; label: string; parent?: string }[]
  /** Labels of the parents named by groups (行政诉讼). */
  parents: { key: string; label: string }[]
  results: ColumnDef[]
}

export type TableDef = BlockTableDef | MatrixTableDef | SingleRowTableDef

/** A numeric fact attached to a narrative section (信息处理费 statement). */
export interface FactDef extends ColumnDef {
  valueType: CellValueType
  unit: string
}

export type SectionDef =
  | {
      kind: 'narrative'
      key: string
      heading: string
      /** What the format expects this section to cover, shown as a checklist. */
      topics?: { label: string; keywords: string[] }[]
      guidance: string
    }
  | { kind: 'table'; key: string; heading: string; table: TableDef; guidance: string }
  | {
      kind: 'narrativeWithFacts'
      key: string
      heading: string
      /** The narrative is stored at sections[key][textKey], the facts at sections[key][factsKey]. */
      textKey: string
      factsKey: string
      factsTitle: string
      facts: FactDef[]
      guidance: string
    }

/**
 * The opening paragraph(s) between the title and 一、: legal basis, statistical period, where the
 * electronic version is published, whom to contact. A narrative at report.preamble, beside
 * `sections`, not a seventh section (rules about the six sections do not count it).
 */
export interface PreambleDef {
  key: 'preamble'
  /** What the editor and messages call it. */
  heading: string
  guidance: string
}

export type Severity = 'error' | 'warning' | 'info'

/** A reference to a cell: a dotted path under `sections` (applications.newReceived.natural). */
export type CellPath = string

export type AgencyType = 'government' | 'department'
export type AgencyLevel = 'national' | 'province' | 'city' | 'county' | 'township'

/** Rules are data. Every kind is evaluated by one small evaluator (lib/rules/evaluate.ts). */
export type RuleDef =
  | {
      /** sum(left) op sum(right); blank cells make it not yet assessable. */
      kind: 'linear'
      id: string
      family: string
      severity: Severity
      op: 'eq' | 'lte'
      left: CellPath[]
      right: CellPath[]
      /** The left cell is computed from the right in the editor (总计). */
      derives?: boolean
      /**
       * Rules with the same value are consequences of one discrepancy (the per-column A3/A4
       * balances of table 三): the officer is shown them as one finding (lib/rules/group-findings.ts).
       */
      finding?: string
      message: string
    }
  | {
      /** Every listed cell holds a value of its type (T1, T2). */
      kind: 'cellType'
      id: string
      family: string
      severity: Severity
      cells: CellPath[]
      message: string
    }
  | {
      /** No listed cell is blank (T5). */
      kind: 'filled'
      id: string
      family: string
      severity: Severity
      cells: CellPath[]
      message: string
    }
  | {
      /** A listed cell exceeds a bound: a sign that something needs checking. */
      kind: 'above'
      id: string
      family: string
      severity: Severity
      cells: CellPath[]
      /** Fails when a cell is greater than this (as a decimal). */
      bound: number
      /** Only for these agency levels, if given. */
      unlessLevels?: AgencyLevel[]
      message: string
    }
  | {
      /** A narrative (one of several) mentions every/any of the keywords; optional trigger. */
      kind: 'mentions'
      id: string
      family: string
      severity: Severity
      texts: CellPath[]
      /** Each entry is one required topic; a topic is met when any of its keywords occurs. */
      topics: { label: string; keywords: string[] }[]
      /** Only for this agency type, if given. */
      agencyType?: AgencyType
      /** Only when one of these cells is greater than zero, if given. */
      whenPositive?: CellPath[]
      message: string
    }
  | {
      /**
       * A total as printed (report.stated) equals what its parts add up to; the officer either
       * corrects the parts or drops the stated value (以各项之和为准).
       */
      kind: 'stated'
      id: string
      family: string
      severity: Severity
      message: string
    }
  | {
      /** Sections present (D1), nothing stored under a group row (A8), the preamble written (D5). */
      kind: 'structure'
      id: string
      family: string
      severity: Severity
      check: 'sectionsPresent' | 'noGroupRowValues' | 'preamblePresent'
      message: string
    }
  | CrossYearRuleDef
  | NarrativeRuleDef

/**
 * Rules over the narrative text (lib/narrative/findings.ts): statements about table quantities
 * checked against the cells (N1–N6), linked numbers the format does not know (N7). One finding
 * per sentence at fault, each with its quote and paragraph.
 */
export interface NarrativeRuleDef {
  kind: 'narrative'
  id: string
  family: string
  severity: Severity
  /** What is checked, in words, for /rules (the definition the code applies). */
  definition: string
  message: string
}

/** A term of a cross-year rule: a cell of this year's report, or of last year's mapped to this format. */
export interface YearTerm {
  path: CellPath
  /** Last year's value (the previous report, mapped to this report's format). */
  previous?: true
  /** Subtracted rather than added. */
  negative?: true
}

/**
 * Rules that need last year's report (spec/format.md §4.4–4.6). Without one, or where last
 * year's format has no such cell (2019 table 二 under 2021), they do not apply (pass).
 */
export type CrossYearRuleDef =
  | {
      /** sum(left) op sum(right) over terms of both years (X1, P1, P2, Q2, Q5). */
      kind: 'continuity'
      id: string
      family: string
      severity: Severity
      op: 'eq' | 'lte' | 'gte'
      left: YearTerm[]
      right: YearTerm[]
      message: string
    }
  | {
      /** A cell that changed more than `factor`× either way from a last-year value of at least `minPrevious`. */
      kind: 'jump'
      id: string
      family: string
      severity: Severity
      cells: CellPath[]
      factor: number
      minPrevious: number
      message: string
    }
  | {
      /** Last year's values shown for reference when any is above zero (R3: 尚未审结). */
      kind: 'reference'
      id: string
      family: string
      severity: Severity
      /** Last year's cells (paths of this format) and the cells of this year they bear on. */
      previous: CellPath[]
      cells: CellPath[]
      message: string
    }

export interface FormatDef {
  version: FormatVersion
  /** 国办公开办函〔2021〕30号 */
  basis: string
  title: string
  /** The opening paragraph before 一 (report.preamble). */
  preamble: PreambleDef
  sections: SectionDef[]
  rules: RuleDef[]
  /** Families, in the order the published list shows them, with what they check. */
  ruleFamilies: { id: string; title: string; basis: string }[]
}
