'use client'
import { memo, useState } from 'react'
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef, Severity } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { valuesText } from '@/lib/rules/values-text'

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' }

interface Props {
  format: FormatDef
  results: RuleResult[]
  explanations: Readonly<Record<string, string>>
  /** Rules whose warning the officer may explain (not the blank-cell ones: those need filling). */
  explainable: ReadonlySet<string>
  readOnly: boolean
  onChoose: (result: RuleResult) => void
  onExplain: (ruleId: string, text: string) => void
  /** Drops printed totals that disagree with their parts (以各项之和为准). */
  onDropStated?: (paths: string[]) => void
}

function cellLabel(format: FormatDef, path: string): string {
  const cell = cellByPath(format, path)
  if (cell) return cell.label
  return format.sections.find((s) => path === s.key || path.startsWith(`${s.key}.`))?.heading ?? path
}

/** Every open finding with its message and expected value; choosing one goes to the cell. */
export const FindingsPanel = memo(function FindingsPanel({
  format,
  results,
  explanations,
  explainable,
  readOnly,
  onChoose,
  onExplain,
  onDropStated,
}: Props) {
  const [showPending, setShowPending] = useState(false)
  const failing = results.filter((r) => r.status === 'fail')
  const order: Severity[] = ['error', 'warning', 'info']
  const pending = results.filter((r) => r.status === 'na')
  const counts = Object.fromEntries(order.map((s) => [s, failing.filter((r) => r.severity === s).length]))
  return (
    <aside className="findings" aria-label="检查结果">
      <h2>
        检查结果
        <span className="findings-counts">
          {order.map((s) => (
            <span key={s} className={`badge badge-${s}`} data-testid={`count-${s}`}>
              {SEVERITY_LABELS[s]} {counts[s]}
            </span>
          ))}
        </span>
      </h2>
      {failing.length === 0 ? <p className="findings-empty">没有发现问题。</p> : null}
      <ol className="findings-list">
        {order.flatMap((severity) =>
          failing
            .filter((r) => r.severity === severity)
            .map((r) => (
              <li key={r.ruleId} className={`finding finding-${r.severity}`} data-rule={r.ruleId}>
                <button
                  type="button"
                  className="finding-go"
                  // The rule's code is for reference (/rules), not for reading: a tooltip only.
                  title={`规则 ${r.ruleId}`}
                  onClick={() => onChoose(r)}
                >
                  <span className={`badge badge-${r.severity}`}>{SEVERITY_LABELS[r.severity]}</span>
                  <span className="finding-message">{r.message}</span>
                  {r.expected !== null || r.actual !== null ? (
                    <span className="finding-values">{valuesText(r.expected, r.actual)}</span>
                  ) : null}
                  <span className="finding-cells">
                    {r.cells
                      .slice(0, 3)
                      .map((c) => cellLabel(format, c))
                      .join('；')}
                    {r.cells.length > 3 ? ` 等${r.cells.length}处` : ''}
                  </span>
                </button>
                {r.stated?.length && onDropStated && !readOnly ? (
                  <button
                    type="button"
                    className="finding-resolve"
                    title="删除表中写明的合计，按各项之和计算"
                    onClick={() => onDropStated(r.stated ?? [])}
                  >
                    以各项之和为准
                  </button>
                ) : null}
                {r.severity === 'warning' && explainable.has(r.ruleId) ? (
                  <label className="finding-explain">
                    <span>情况说明（审核人可见）</span>
                    <textarea
                      rows={2}
                      maxLength={2000}
                      readOnly={readOnly}
                      defaultValue={explanations[r.ruleId] ?? ''}
                      placeholder="如确属实际情况，请说明原因"
                      onChange={(e) => onExplain(r.ruleId, e.target.value)}
                    />
                  </label>
                ) : null}
              </li>
            )),
        )}
      </ol>
      {pending.length > 0 ? (
        <div className="findings-pending">
          <button type="button" className="link" onClick={() => setShowPending((v) => !v)}>
            {pending.length} 条规则因有空白单元格暂不能判断{showPending ? '（收起）' : '（展开）'}
          </button>
          {showPending ? (
            <ul>
              {pending.map((r) => (
                <li key={r.ruleId}>
                  <button type="button" className="link" title={`规则 ${r.ruleId}`} onClick={() => onChoose(r)}>
                    {r.message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </aside>
  )
})
