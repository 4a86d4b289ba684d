'use client'
import { explanationKey } from '@/lib/rules/explanation-key'
import { memo, useMemo, useState } from 'react'
import { cellByPath } from '@/lib/format/cells'
import { MAX_EXPLANATION_CHARS } from '@/lib/report/schema'
import type { FormatDef, Severity } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { StableFindings } from '@/lib/editor/stable-findings'
import { type Finding, failingCounts, findingValuesText, groupFindings } from '@/lib/rules/group-findings'

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
  /** Applies a narrative finding's fix: writes the table's value, or links it (`link`). */
  onFix?: (result: RuleResult, link: boolean) => void
}

/** Where a narrative finding is: “一、总体情况第3段”. */
function placeLabel(format: FormatDef, at: { section: string; paragraph: number }): string {
  const heading =
    at.section === format.preamble.key
      ? format.preamble.heading
      : (format.sections.find((s) => s.key === at.section)?.heading ?? at.section)
  return `${heading}第${at.paragraph}段`
}

function cellLabel(format: FormatDef, path: string): string {
  const cell = cellByPath(format, path)
  if (cell) return cell.label
  if (path === format.preamble.key) return format.preamble.heading
  return format.sections.find((s) => path === s.key || path.startsWith(`${s.key}.`))?.heading ?? path
}

interface ItemProps {
  format: FormatDef
  finding: Finding
  /** The officer's explanation of this finding (its textarea's first text). */
  explanation: string
  explainable: ReadonlySet<string>
  readOnly: boolean
  onChoose: (result: RuleResult) => void
  onExplain: (ruleId: string, text: string) => void
  onDropStated?: (paths: string[]) => void
  onFix?: (result: RuleResult, link: boolean) => void
}

/**
 * One finding of the list. Memoised: its finding stays the same object while it shows the same
 * (lib/editor/stable-findings.ts) and the handlers are stable, so a keystroke renders only the
 * items that appear or change (decision 0440).
 */
const FindingItem = memo(function FindingItem({
  format,
  finding: f,
  explanation,
  explainable,
  readOnly,
  onChoose,
  onExplain,
  onDropStated,
  onFix,
}: ItemProps) {
  const values = findingValuesText(f)
  const ruleId = f.ruleIds[0]
  const first = f.results[0]
  return (
    <li
      className={`finding finding-${f.severity}`}
      data-rule={ruleId}
      data-rules={f.ruleIds.join(' ')}
      data-paragraph={first.narrative ? `${first.narrative.section}.${first.narrative.paragraph}` : undefined}
    >
      {/* Not a <button>: a form control added to the page costs Chromium's autofill a scan of
          the document's forms, and a keystroke can add a finding (decision 0670). */}
      {/* biome-ignore lint/a11y/useSemanticElements: see above; keyboard and role as a button */}
      <div
        role="button"
        tabIndex={0}
        className="finding-go"
        // The rules' codes are for reference (/rules), not for reading: a tooltip only.
        title={`规则 ${f.ruleIds.join('、')}`}
        // Going to a finding goes to its first rule's cell.
        onClick={() => onChoose({ ...first, focus: f.focus })}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== ' ') return
          e.preventDefault()
          onChoose({ ...first, focus: f.focus })
        }}
      >
        <span className={`badge badge-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
        <span className="finding-message">{f.message}</span>
        {values && !first.narrative ? <span className="finding-values">{values}</span> : null}
        {first.narrative ? (
          <span className="finding-quote">
            {placeLabel(format, first.narrative)}：“{first.quote}”
          </span>
        ) : null}
        <span className="finding-cells">
          {f.cells
            .slice(0, 3)
            .map((c) => cellLabel(format, c))
            .join('；')}
          {f.cells.length > 3 ? ` 等${f.cells.length}处` : ''}
        </span>
      </div>
      {f.stated?.length && onDropStated && !readOnly ? (
        <button
          type="button"
          className="finding-resolve"
          title="删除表中写明的合计，按各项之和计算"
          onClick={() => onDropStated(f.stated ?? [])}
        >
          以各项之和为准
        </button>
      ) : null}
      {first.fix && onFix && !readOnly ? (
        <span className="finding-fixes">
          <button type="button" className="finding-resolve" onClick={() => onFix(first, false)}>
            改为“{first.fix.to}”
          </button>
          {first.fix.link ? (
            <button
              type="button"
              className="finding-resolve"
              title="插入关联数据：正文显示表中数值，并随表中数值改变"
              onClick={() => onFix(first, true)}
            >
              插入关联数据
            </button>
          ) : null}
        </span>
      ) : null}
      {f.severity === 'warning' && f.ruleIds.length === 1 && explainable.has(ruleId) ? (
        <label className="finding-explain">
          <span>情况说明（审核人可见）</span>
          <textarea
            // A rewritten sentence is another key (decision 0370): a fresh, empty box.
            key={explanationKey(first)}
            rows={2}
            maxLength={MAX_EXPLANATION_CHARS}
            readOnly={readOnly}
            defaultValue={explanation}
            placeholder="如确属实际情况，请说明原因"
            onChange={(e) => onExplain(explanationKey(first), e.target.value)}
          />
        </label>
      ) : null}
    </li>
  )
})

const ORDER: Severity[] = ['error', 'warning', 'info']

/**
 * Every open finding with its message and expected value; choosing one goes to the cell. One
 * discrepancy is one finding (lib/rules/group-findings.ts): the per-column balances of one
 * wrong cell of table 三 are listed together, naming the columns.
 */
export const FindingsPanel = memo(function FindingsPanel({
  format,
  results,
  explanations,
  explainable,
  readOnly,
  onChoose,
  onExplain,
  onDropStated,
  onFix,
}: Props) {
  const [showPending, setShowPending] = useState(false)
  const [stable] = useState(() => new StableFindings())
  const findings = useMemo(() => stable.take(groupFindings(format, results)), [stable, format, results])
  const failing = findings.filter((f) => f.status === 'fail')
  const pending = findings.filter((f) => f.status === 'na')
  const counts = failingCounts(failing)
  return (
    <aside className="findings" aria-label="检查结果">
      {/* The relayout boundary (app/globals.css .findings-body): a keystroke lays out this box only. */}
      <div className="findings-body">
        <h2>
          检查结果
          <span className="findings-counts">
            {ORDER.map((s) => (
              <span key={s} className={`badge badge-${s}`} data-testid={`count-${s}`}>
                {SEVERITY_LABELS[s]} {counts[s]}
              </span>
            ))}
          </span>
        </h2>
        {failing.length === 0 ? <p className="findings-empty">没有发现问题。</p> : null}
        <ol className="findings-list">
          {ORDER.flatMap((severity) =>
            failing
              .filter((f) => f.severity === severity)
              .map((f) => (
                <FindingItem
                  key={f.key}
                  format={format}
                  finding={f}
                  explanation={explanations[explanationKey(f.results[0])] ?? ''}
                  explainable={explainable}
                  readOnly={readOnly}
                  onChoose={onChoose}
                  onExplain={onExplain}
                  onDropStated={onDropStated}
                  onFix={onFix}
                />
              )),
          )}
        </ol>
        {pending.length > 0 ? (
          <div className="findings-pending">
            <button type="button" className="link" onClick={() => setShowPending((v) => !v)}>
              {pending.length} 项检查因有空白单元格暂不能判断{showPending ? '（收起）' : '（展开）'}
            </button>
            {showPending ? (
              <ul>
                {pending.map((f) => (
                  <li key={f.key}>
                    <button
                      type="button"
                      className="link"
                      title={`规则 ${f.ruleIds.join('、')}`}
                      onClick={() => onChoose({ ...f.results[0], focus: f.focus })}
                    >
                      {f.message}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </aside>
  )
})
