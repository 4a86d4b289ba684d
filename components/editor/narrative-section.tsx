'use client'
import { useRef, useState } from 'react'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { cleanPastedText, droppedHeadingNotice, dropRepeatedHeading } from '@/lib/narrative'
import { statesNoFee } from '@/lib/report/fee-statement'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import { getAt, isBlank } from '@/lib/report/values'
import { type CellHandlers, CellInput, type CellMark } from './cell-input'
import { ParagraphLevelPreview } from './paragraph-levels'

interface Props {
  format: FormatDef
  section: Extract<SectionDef, { kind: 'narrative' | 'narrativeWithFacts' }>
  sections: Record<string, unknown>
  readOnly: boolean
  marks: ReadonlyMap<string, CellMark>
  errors: Readonly<Record<string, string>>
  handlers: CellHandlers
  onText: (path: string, text: string) => void
  /** Writes the standard 信息处理费 sentence into the text (section 六). */
  onFeeStatement?: () => string | null
}

export function NarrativeSection({
  format,
  section,
  sections,
  readOnly,
  marks,
  errors,
  handlers,
  onText,
  onFeeStatement,
}: Props) {
  const path = narrativePath(section) as string
  const text = (getAt(sections, path.split('.')) as string | undefined) ?? ''
  const textarea = useRef<HTMLTextAreaElement>(null)
  const [pasteError, setPasteError] = useState<string | null>(null)
  const [feeMessage, setFeeMessage] = useState<string | null>(null)
  const [pasteNotice, setPasteNotice] = useState<string | null>(null)
  // Section 六 says no fee was charged while the facts say otherwise or nothing: offer the zeros.
  const zeroFacts =
    section.kind === 'narrativeWithFacts' && statesNoFee(text)
      ? section.facts.filter((f) => {
          const v = getAt(sections, [section.key, section.factsKey, f.key])
          return isBlank(v) || VALUE_TYPES[f.valueType].toNumber(v) !== 0
        })
      : []
  const topics = section.kind === 'narrative' ? (section.topics ?? []) : []
  const error = errors[path]

  return (
    <div className="narrative">
      {section.kind === 'narrativeWithFacts' ? (
        <fieldset className="facts">
          <legend>{section.factsTitle}</legend>
          <div className="facts-row">
            {section.facts.map((f) => {
              const factPath = `${section.key}.${section.factsKey}.${f.key}`
              const info = cellByPath(format, factPath)
              return (
                <label key={f.key} className="fact">
                  <span>{f.label}</span>
                  <CellInput
                    path={factPath}
                    label={info?.label ?? f.label}
                    value={getAt(sections, factPath.split('.'))}
                    valueType={f.valueType}
                    derived={false}
                    mark={marks.get(factPath) ?? null}
                    error={errors[factPath]}
                    readOnly={readOnly}
                    handlers={handlers}
                  />
                  <span className="fact-unit">{f.unit}</span>
                </label>
              )
            })}
            <button
              type="button"
              disabled={readOnly}
              onClick={() => {
                const written = onFeeStatement?.()
                setFeeMessage(written ? '已写入标准表述，可在下方修改。' : '请先填写以上三项（没有的填0）。')
              }}
            >
              生成标准表述
            </button>
          </div>
          {zeroFacts.length > 0 && section.kind === 'narrativeWithFacts' && !readOnly ? (
            <p className="hint fee-zero-offer">
              正文写明未收取信息处理费，以上三项应为0。
              <button
                type="button"
                className="link"
                onClick={() => {
                  for (const f of zeroFacts) {
                    handlers.onCommit(`${section.key}.${section.factsKey}.${f.key}`, VALUE_TYPES[f.valueType].zero)
                  }
                  setFeeMessage('已按正文将三项填为0。')
                }}
              >
                三项填0
              </button>
            </p>
          ) : null}
          {feeMessage ? <p className="hint">{feeMessage}</p> : null}
        </fieldset>
      ) : null}
      {topics.length > 0 ? (
        <div className="topics">
          <span>本部分通常包括：</span>
          <ul>
            {topics.map((t) => {
              const met = t.keywords.some((k) => text.includes(k))
              return (
                <li key={t.label} className={met ? 'topic-met' : 'topic-missing'}>
                  {met ? '✓' : '○'} {t.label}
                </li>
              )
            })}
          </ul>
          {text.trim() === '' && !readOnly ? (
            <button type="button" className="link" onClick={() => onText(path, topics.map((t) => t.label).join('\n'))}>
              插入提纲
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="narrative-columns">
        <label className="narrative-edit">
          <span className="label">
            正文（可从 Word 粘贴；以“一、”“（一）”“1.”“（1）”开头的短句为标题，长段落按正文排版）
          </span>
          <textarea
            ref={textarea}
            data-path={path}
            value={text}
            readOnly={readOnly}
            aria-invalid={error ? true : undefined}
            onChange={(e) => onText(path, e.target.value)}
            onPaste={(e) => {
              const raw = e.clipboardData.getData('text/plain')
              const cleaned = cleanPastedText(raw)
              e.preventDefault()
              if (text.length + cleaned.length > MAX_NARRATIVE_CHARS) {
                setPasteError(`粘贴的内容过长（${cleaned.length}字），本部分最多${MAX_NARRATIVE_CHARS}字，未粘贴。`)
                return
              }
              setPasteError(null)
              const el = e.currentTarget
              // Pasted at the start, a first line repeating this section's heading is dropped.
              let pasted = cleaned
              setPasteNotice(null)
              if (text.slice(0, el.selectionStart).trim() === '') {
                const r = dropRepeatedHeading(cleaned, section.heading)
                if (r.dropped !== null) {
                  pasted = r.text.replace(/^\n+/, '')
                  setPasteNotice(droppedHeadingNotice(r.dropped))
                }
              }
              const next = text.slice(0, el.selectionStart) + pasted + text.slice(el.selectionEnd)
              const caret = el.selectionStart + pasted.length
              onText(path, next)
              requestAnimationFrame(() => el.setSelectionRange(caret, caret))
            }}
          />
          <span className="counter">{text.length} 字</span>
          {pasteError ? (
            <span className="field-error" role="alert">
              {pasteError}
            </span>
          ) : null}
          {pasteNotice ? (
            <span className="hint" role="status">
              {pasteNotice}
            </span>
          ) : null}
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </label>
        <section className="narrative-preview" aria-label="排版预览">
          <span className="label">排版预览（左侧为各段级别，可逐段改为正文或某级标题）</span>
          <ParagraphLevelPreview text={text} onChange={readOnly ? undefined : (next) => onText(path, next)} />
        </section>
      </div>
    </div>
  )
}
