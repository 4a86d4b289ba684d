/**
 * zod schemas derived from a format declaration. `draft` accepts blanks (null) everywhere;
 * `final` requires every cell and every narrative. The same schema is the form's resolver and
 * the server's check of every save.
 */
import { explanationRuleId } from '@/lib/rules/explanation-key'
import { z } from 'zod'
import { assertNever, cellByPath, dataRows, leafColumns, narrativePath } from '@/lib/format/cells'
import type { CellValueType, FormatDef, SectionDef, TableDef } from '@/lib/format/types'
import { VALUE_SCHEMAS } from '@/lib/format/value-schemas'
import type { SchemaMode } from '@/lib/format/value-types'
import { statedTargets } from '@/lib/rules/stated'
import {
  AGENCY_LEVELS,
  AGENCY_TYPES,
  countParagraphs,
  MAX_EXPLANATION_CHARS,
  MAX_NARRATIVE_CHARS,
  MAX_NARRATIVE_PARAGRAPHS,
  ORIGINS,
  type Origin,
} from './fields'
import { agencyCodeSchema } from './identity-schema'

export type { SchemaMode }

// The report's plain facts (limits, agency types and levels, origins) are in ./fields, which
// the command line reads without loading zod (decision 0770); re-exported here for everyone else.
export * from './fields'

function cellSchema(valueType: CellValueType, mode: SchemaMode): z.ZodType {
  return VALUE_SCHEMAS[valueType](mode)
}

function tableSchema(table: TableDef, mode: SchemaMode): z.ZodType {
  switch (table.kind) {
    case 'blocks':
      return z.object(
        Object.fromEntries(
          table.blocks.map((block) => [
            block.key,
            z.object(
              Object.fromEntries(
                block.rows.map((r) => [
                  r.key,
                  z.object({
                    ...Object.fromEntries(block.columns.map((c) => [c.key, cellSchema(c.valueType, mode)])),
                    ...(block.unitField
                      ? { [block.unitField.key]: z.enum(block.unitField.options as [string, ...string[]]).nullable() }
                      : {}),
                  }),
                ]),
              ),
            ),
          ]),
        ),
      )
    case 'matrix': {
      const columns = leafColumns(table.columns)
      const rowSchema = z.object(Object.fromEntries(columns.map((c) => [c.key, cellSchema(table.valueType, mode)])))
      return z.object(Object.fromEntries(dataRows(table.rows).map((r) => [r.key, rowSchema])))
    }
    case 'singleRow': {
      const groupSchema = z.object(
        Object.fromEntries(table.results.map((r) => [r.key, cellSchema(table.valueType, mode)])),
      )
      return z.object(Object.fromEntries(table.groups.map((g) => [g.key, groupSchema])))
    }
    default:
      return assertNever(table)
  }
}

function narrativeSchema(heading: string, mode: SchemaMode) {
  const text = z
    .string({ error: '应为文本' })
    .max(MAX_NARRATIVE_CHARS, {
      error: `${heading}过长（超过${MAX_NARRATIVE_CHARS / 10000}万字），请精简或分段检查是否误粘贴`,
    })
    .refine((t) => countParagraphs(t) <= MAX_NARRATIVE_PARAGRAPHS, {
      error: `${heading}段落过多（超过${MAX_NARRATIVE_PARAGRAPHS}段），请合并段落或检查是否误粘贴了表格、列表`,
      abort: true,
    })
  return mode === 'draft' ? text : text.refine((t) => t.trim() !== '', { error: `${heading}不能为空` })
}

function sectionSchema(section: SectionDef, mode: SchemaMode): z.ZodType {
  switch (section.kind) {
    case 'narrative':
      return narrativeSchema(section.heading, mode)
    case 'table':
      return tableSchema(section.table, mode)
    case 'narrativeWithFacts':
      return z.object({
        [section.textKey]: narrativeSchema(section.heading, mode),
        [section.factsKey]: z.object(
          Object.fromEntries(section.facts.map((f) => [f.key, cellSchema(f.valueType, mode)])),
        ),
      })
    default:
      return assertNever(section)
  }
}

const schemaCache = new WeakMap<FormatDef, Partial<Record<SchemaMode, z.ZodType>>>()

export function agencySchema() {
  return z.object({
    name: z
      .string({ error: '请填写机关名称' })
      .trim()
      .min(2, { error: '请填写机关全称' })
      .max(60, { error: '机关名称过长' }),
    type: z.enum(AGENCY_TYPES, { error: '请选择机关类型' }),
    level: z.enum(AGENCY_LEVELS, { error: '请选择行政层级' }).optional(),
    /** The stored agency's code (lib/report/identity.ts); a file may carry it, it never picks the agency. */
    code: agencyCodeSchema().optional(),
  })
}

export function sectionsSchema(format: FormatDef, mode: SchemaMode) {
  return z.object(Object.fromEntries(format.sections.map((s) => [s.key, sectionSchema(s, mode)])))
}

/** A report year: the 条例 in its current form applies to reports from 2008 on. */
export function yearSchema() {
  return z
    .number({ error: '请填写年度' })
    .int({ error: '年度应为整数' })
    .min(2008, { error: '年度不早于2008年' })
    .max(2100, { error: '年度不晚于2100年' })
}

/**
 * The officer's explanations of warnings, by rule id (a narrative finding: rule id and sentence,
 * lib/rules/explanation-key.ts): only the format's own rules, so a request cannot store
 * thousands of keys that name nothing.
 */
function explanationsSchema(format: FormatDef) {
  const ids = new Set(format.rules.map((r) => r.id))
  return z
    .record(z.string(), z.string({ error: '说明应为文本' }).max(MAX_EXPLANATION_CHARS, { error: '说明过长' }))
    .superRefine((record, ctx) => {
      // A rule id, or a rule id and a sentence (lib/rules/explanation-key.ts).
      const unknown = Object.keys(record).filter((key) => !ids.has(explanationRuleId(key) ?? ''))
      // The first few are named; a flood of them is one refusal, not thousands of messages.
      for (const id of unknown.slice(0, 3)) {
        ctx.addIssue({ code: 'custom', path: [id], message: `说明对应的核对规则“${id.slice(0, 40)}”不存在` })
      }
    })
    .optional()
}

/** Totals as printed, by the path of a computed cell or a column group's 小计 (lib/rules/stated). */
function statedSchema(format: FormatDef) {
  const targets = statedTargets(format)
  return z
    .record(
      z.string(),
      z.union([
        z.number({ error: '写明的合计应为数字' }).finite().nonnegative({ error: '写明的合计不能为负数' }),
        z.string().regex(/^\d+(\.\d+)?$/, { error: '写明的合计应为数字' }),
      ]),
    )
    .superRefine((values, ctx) => {
      for (const path of Object.keys(values)) {
        if (!targets.has(path)) ctx.addIssue({ code: 'custom', path: [path], message: '写明的合计不对应表中任何合计' })
      }
    })
}

/**
 * The schema of a whole report: it reads a ReportData and gives one. The input is typed as
 * ReportData too (not unknown), so that the editor's zodResolver infers the form's values from it.
 */
export type ReportSchema = z.ZodType<ReportData, ReportData>

const narrativeKeysCache = new WeakMap<FormatDef, Set<string>>()

/**
 * The keys of the narratives in report.origins: the path below `sections` (overview,
 * otherMatters.text) and the preamble's key (preamble), as cells are keyed below `sections`.
 */
export function narrativeOriginKeys(format: FormatDef): Set<string> {
  let keys = narrativeKeysCache.get(format)
  if (!keys) {
    keys = new Set([format.preamble.key])
    for (const s of format.sections) {
      const p = narrativePath(s)
      if (p) keys.add(p)
    }
    narrativeKeysCache.set(format, keys)
  }
  return keys
}

/** Marks of carried-over and prefilled values, by cell path (or narrative key) of this format. */
function originsSchema(format: FormatDef) {
  return z
    .record(z.string(), z.enum(ORIGINS, { error: '来源标记应为 carried 或 prefilled' }))
    .superRefine((values, ctx) => {
      for (const path of Object.keys(values).slice(0, 1_000)) {
        if (!cellByPath(format, path) && !narrativeOriginKeys(format).has(path)) {
          ctx.addIssue({ code: 'custom', path: [path], message: '来源标记不对应表中任何单元格' })
          return
        }
      }
      if (Object.keys(values).length > 1_000) ctx.addIssue({ code: 'custom', message: '来源标记过多' })
    })
}

/** The whole report (the interchange shape), for this format and mode. */
export function reportSchema(format: FormatDef, mode: SchemaMode): ReportSchema {
  const cached = schemaCache.get(format)?.[mode]
  if (cached) return cached as ReportSchema
  const schema = z.object({
    formatVersion: z.literal(format.version),
    year: yearSchema(),
    agency: agencySchema(),
    // A missing preamble is a warning (D5), never a refusal: drafts and old files have none.
    preamble: narrativeSchema(format.preamble.heading, 'draft').optional(),
    sections: sectionsSchema(format, mode),
    explanations: explanationsSchema(format),
    stated: statedSchema(format).optional(),
    origins: originsSchema(format).optional(),
  })
  schemaCache.set(format, { ...schemaCache.get(format), [mode]: schema })
  return schema as unknown as ReportSchema
}

export interface ReportData {
  formatVersion: string
  year: number
  agency: {
    name: string
    type: (typeof AGENCY_TYPES)[number]
    level?: (typeof AGENCY_LEVELS)[number]
    /** The agency's immutable code: written on export, read on import but never used to choose the agency. */
    code?: string
  }
  /** The opening paragraph(s) between the title and 一 (a narrative; lib/format PreambleDef). */
  preamble?: string
  sections: Record<string, unknown>
  /** The officer's explanations of warnings, by rule id. */
  explanations?: Record<string, string>
  /** Totals as printed in a pasted or imported table that the app computes (path → value). */
  stated?: Record<string, number | string>
  /**
   * Values the officer did not type, by cell path or narrative key (narrativeOriginKeys):
   * `carried` (上年结转 from last year's 结转) or `prefilled` (last year's text, 沿用上年度正文);
   * a mark goes when the officer changes or confirms the value.
   */
  origins?: Record<string, Origin>
}

/** Zod issues keyed by their full field path (sections.applications.newReceived.natural). */
export function issuesByPath(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.')
    out[key] ??= issue.message
  }
  return out
}
