/**
 * Imports a report file (its text, or the parsed JSON). Totals are recomputed from their
 * addends, and the officer is told about every stated total that differed.
 */
import 'server-only'
import type { ReportKind, ReportScope } from '@/lib/report/identity'
import { prisma } from '@/lib/db'
import { cellByPath } from '@/lib/format/cells'
import { parseReportText, ReportInputError, readReport } from '@/lib/report/interchange'
import { reportSchema } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { deriveTotals } from '@/lib/rules/derive'
import { evaluateRules } from '@/lib/rules/evaluate'
import { invalid, ServiceError } from './errors'
import { identityOf, insertReport, noAgency, reportIdentity } from './report-create'
import type { StoredReport } from './report-read'

export interface ImportOptions {
  /** Import into this agency whatever the file names (the app: the officer's agency). */
  agencyId?: string
  actor?: string | null
  /** Default 'report' (the API never sets it). */
  kind?: ReportKind
  /** Default 'region' for a rollup, else 'self'. */
  scope?: ReportScope
}

const valueAt = (root: unknown, path: string) => getAt(root, path.split('.'))

export async function importReport(
  raw: unknown,
  options: ImportOptions = {},
): Promise<{ report: StoredReport; notices: string[] }> {
  let read: ReturnType<typeof readReport>
  try {
    read = readReport(typeof raw === 'string' ? parseReportText(raw) : raw)
  } catch (e) {
    if (e instanceof ReportInputError) throw new ServiceError(400, 'bad_input', e.message)
    throw e
  }
  const { format, notices } = read
  const strayRule = format.rules.find((d) => d.kind === 'structure' && d.check === 'noGroupRowValues')
  const stray = evaluateRules(format, read.report).find((r) => r.ruleId === strayRule?.id && r.status === 'fail')
  const parsed = reportSchema(format, 'draft').safeParse(read.report)
  if (!parsed.success) throw invalid(parsed.error, '文件中有数据不符合要求，未导入。请按提示修改文件后重新导入')
  const report = parsed.data
  if (stray?.cells.length && typeof stray.actual === 'string') {
    notices.push(`文件在分组行下填有数据（${stray.actual}），这些数据没有对应的单元格，未导入。`)
  }

  const stated = structuredClone(report.sections)
  const recomputed = deriveTotals(format, report.sections)
  const differed = recomputed.filter((p) => {
    const before = valueAt(stated, p)
    return before !== null && before !== undefined
  })
  if (differed.length) {
    const shown = differed.slice(0, 10).map((p) => {
      const before = valueAt(stated, p)
      const after = valueAt(report.sections, p)
      const label = cellByPath(format, p)?.label ?? p
      return `${label}（原为${before}，${after === null ? '因分项未填写已清空' : `按分项之和计为${after}`}）`
    })
    notices.push(
      `文件中有${differed.length}个合计数与分项之和不一致，已按分项重新计算：${shown.join('；')}${differed.length > 10 ? '等' : ''}。请核对。`,
    )
  }
  if (options.agencyId) {
    const agency = await prisma.agency.findUnique({ where: { id: options.agencyId } })
    if (!agency) throw noAgency()
    if (agency.name !== report.agency.name || agency.type !== report.agency.type) {
      notices.unshift(`文件中的机关为“${report.agency.name}”，已导入为“${agency.name}”的年报。`)
    }
    report.agency = identityOf(agency)
  }
  const stored = await insertReport(
    report,
    'import',
    { notices, recomputed: differed },
    options.actor ?? null,
    options.agencyId,
    reportIdentity(options),
  )
  return { report: stored, notices }
}
