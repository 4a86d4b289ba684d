'use client'
/**
 * The narrative findings of one section at their paragraphs (issue 14): a list under the text,
 * each with its paragraph number, the words at fault and a button that selects that paragraph in
 * the text; the preview marks the same paragraphs. And the share of the narrative repeated from
 * last year's report (rule L10), shown while last year's report is known.
 */
import { type RefObject, useMemo } from 'react'
import { sentenceRange } from '@/lib/editor/sentence-range'
import type { Severity } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/result'
import { useFindings } from './editor-store'
import { SEVERITY_LABELS } from './findings-panel'
import { revealSelection } from './reveal-selection'

/** The rule whose result carries the repeated share (lib/format/narrative-rules.ts). */
const SHARE_RULE = 'L10'
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

/** This section's narrative findings, by paragraph, and the strongest mark of each paragraph. */
export function useNarrativeMarks(section: string): { findings: RuleResult[]; byLine: Map<number, Severity> } {
  const results = useFindings((s) => s.results)
  return useMemo(() => {
    const findings = results
      .filter((r) => r.status === 'fail' && r.narrative?.section === section)
      .sort(
        (a, b) => (a.narrative?.paragraph ?? 0) - (b.narrative?.paragraph ?? 0) || RANK[b.severity] - RANK[a.severity],
      )
    const byLine = new Map<number, Severity>()
    for (const f of findings) {
      const line = f.narrative?.paragraph ?? 0
      const was = byLine.get(line)
      if (!was || RANK[f.severity] > RANK[was]) byLine.set(line, f.severity)
    }
    return { findings, byLine }
  }, [results, section])
}

/** Selects the finding's sentence (else its paragraph, 1-based) in the textarea, and shows it. */
function selectLine(el: HTMLTextAreaElement, line: number, quote?: string) {
  const [start, end] = sentenceRange(el.value, line, quote)
  el.focus()
  el.setSelectionRange(start, end)
  revealSelection(el)
}

export function NarrativeMarks({
  findings,
  textarea,
}: {
  findings: RuleResult[]
  textarea: RefObject<HTMLTextAreaElement | null>
}) {
  if (findings.length === 0) return null
  return (
    <ol className="narrative-marks" aria-label="本部分正文的提示">
      {findings.map((f) => {
        const paragraph = f.narrative?.paragraph ?? 0
        return (
          <li
            key={`${f.ruleId}@${paragraph}`}
            className={`narrative-mark narrative-mark-${f.severity}`}
            data-rule={f.ruleId}
            data-paragraph={paragraph}
          >
            <button
              type="button"
              className="link"
              title={`规则 ${f.ruleId}：选中第${paragraph}段`}
              onClick={() => textarea.current && selectLine(textarea.current, paragraph, f.quote)}
            >
              第{paragraph}段
            </button>
            <span className={`badge badge-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
            <span className="narrative-mark-message">{f.message}</span>
            {typeof f.actual === 'string' ? <span className="narrative-mark-detail">{f.actual}</span> : null}
            {f.quote ? <q className="narrative-mark-quote">{f.quote}</q> : null}
          </li>
        )
      })}
    </ol>
  )
}

/** “与上年重复 34%” while last year's report is compared; a warning above half. */
export function RepeatedShare() {
  const share = useFindings((s) => s.results.find((r) => r.ruleId === SHARE_RULE && r.status !== 'na'))
  if (!share || typeof share.actual !== 'string') return null
  const above = share.status === 'fail'
  return (
    <span
      className={`repeated-share${above ? ' repeated-share-above' : ''}`}
      data-testid="repeated-share"
      title="逐段与本机关上年度年报比较：去掉标点和数字后5字片段的Jaccard相似度≥0.9为几乎相同（规则 L10）"
    >
      {share.actual}
      {above ? '（超过50%，请按本年度工作实际撰写）' : ''}
    </span>
  )
}
