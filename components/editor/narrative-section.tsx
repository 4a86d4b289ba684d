'use client'
import { useRef, useState } from 'react'
import { useWatch } from 'react-hook-form'
import { cellByPath, narrativePath } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { cleanPastedText, droppedHeadingNotice, dropRepeatedHeading } from '@/lib/narrative'
import { statesNoFee } from '@/lib/report/fee-statement'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import { getAt, isBlank } from '@/lib/report/values'
import { type CellHandlers, CellInput, useInputError, useSectionValue } from './cell-input'
import { useEditorContext, useStillCurrent } from './editor-store'
import { NarrativeMarks, RepeatedShare, useNarrativeMarks } from './narrative-marks'
import { LinkedText, LinkTools, useLinkResolver } from './link-tools'
import { ParagraphLevelPreview } from './paragraph-levels'

interface Props {
  format: FormatDef
  section: Extract<SectionDef, { kind: 'narrative' | 'narrativeWithFacts' }>
  readOnly: boolean
  handlers: CellHandlers
  onText: (path: string, text: string) => void
  /** Writes the standard 信息处理费 sentence into the text (section 六). */
  onFeeStatement?: () => string | null
}

/** A message about the report as it was at one change: shown until the next change. */
interface Stamped {
  text: string
  version: number
}

export function NarrativeSection({ format, section, readOnly, handlers, onText, onFeeStatement }: Props) {
  const path = narrativePath(section) as string
  const text = (useSectionValue(path) as string | undefined) ?? ''
  const { findings } = useEditorContext()
  const textarea = useRef<HTMLTextAreaElement>(null)
  const [pasteError, setPasteError] = useState<Stamped | null>(null)
  const [feeMessage, setFeeMessage] = useState<Stamped | null>(null)
  const pasteErrorShown = useStillCurrent(pasteError?.version ?? null)
  const feeMessageShown = useStillCurrent(feeMessage?.version ?? null)
  const [pasteNotice, setPasteNotice] = useState<Stamped | null>(null)
  const pasteNoticeShown = useStillCurrent(pasteNotice?.version ?? null)
  const topics = section.kind === 'narrative' ? (section.topics ?? []) : []
  const error = useInputError(path)
  const marks = useNarrativeMarks(section.key)
  const { control } = useEditorContext()
  const year = useWatch({ control, name: 'year' }) as number
  const resolve = useLinkResolver(format, text)

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
                    valueType={f.valueType}
                    derived={false}
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
                setFeeMessage({
                  text: written ? '已写入标准表述，可在下方修改。' : '请先填写以上三项（没有的填0）。',
                  version: findings.version,
                })
              }}
            >
              生成标准表述
            </button>
          </div>
          {section.kind === 'narrativeWithFacts' && !readOnly ? (
            <ZeroFeeOffer
              section={section}
              text={text}
              handlers={handlers}
              onDone={(t) => setFeeMessage({ text: t, version: findings.version })}
            />
          ) : null}
          {feeMessage && feeMessageShown ? <p className="hint">{feeMessage.text}</p> : null}
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
      {readOnly ? null : (
        <LinkTools
          format={format}
          year={year}
          sectionKey={section.key}
          text={text}
          textarea={textarea}
          onText={(next) => onText(path, next)}
        />
      )}
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
                setPasteError({
                  text: `粘贴的内容过长（${cleaned.length}字），本部分最多${MAX_NARRATIVE_CHARS}字，未粘贴。`,
                  version: findings.version,
                })
                return
              }
              setPasteError(null)
              const el = e.currentTarget
              // Pasted at the start, a first line repeating this section's heading is dropped.
              let pasted = cleaned
              let dropped: string | null = null
              if (text.slice(0, el.selectionStart).trim() === '') {
                const r = dropRepeatedHeading(cleaned, section.heading)
                if (r.dropped !== null) {
                  pasted = r.text.replace(/^\n+/, '')
                  dropped = r.dropped
                }
              }
              const next = text.slice(0, el.selectionStart) + pasted + text.slice(el.selectionEnd)
              const caret = el.selectionStart + pasted.length
              onText(path, next)
              // Stamped after the change the paste makes: shown until the next one.
              setPasteNotice(
                dropped === null ? null : { text: droppedHeadingNotice(dropped), version: findings.version },
              )
              requestAnimationFrame(() => el.setSelectionRange(caret, caret))
            }}
          />
          <span className="counter">{text.length} 字</span>
          <RepeatedShare />
          {pasteError && pasteErrorShown ? (
            <span className="field-error" role="alert">
              {pasteError.text}
            </span>
          ) : null}
          {pasteNotice && pasteNoticeShown ? (
            <span className="hint" role="status">
              {pasteNotice.text}
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
          <ParagraphLevelPreview
            text={text}
            onChange={readOnly ? undefined : (next) => onText(path, next)}
            marks={marks.byLine}
            render={resolve ? (t) => <LinkedText pieces={resolve(t)} format={format} /> : undefined}
          />
        </section>
      </div>
      <NarrativeMarks findings={marks.findings} textarea={textarea} />
    </div>
  )
}

/** Section 六 says no fee was charged while the facts say otherwise or nothing: offer the zeros. */
function ZeroFeeOffer({
  section,
  text,
  handlers,
  onDone,
}: {
  section: Extract<SectionDef, { kind: 'narrativeWithFacts' }>
  text: string
  handlers: CellHandlers
  onDone: (message: string) => void
}) {
  const facts = useSectionValue(`${section.key}.${section.factsKey}`) as Record<string, unknown> | undefined
  if (!statesNoFee(text)) return null
  const zeroFacts = section.facts.filter((f) => {
    const v = getAt(facts ?? {}, [f.key])
    return isBlank(v) || VALUE_TYPES[f.valueType].toNumber(v) !== 0
  })
  if (zeroFacts.length === 0) return null
  return (
    <p className="hint fee-zero-offer">
      正文写明未收取信息处理费，以上三项应为0。
      <button
        type="button"
        className="link"
        onClick={() => {
          for (const f of zeroFacts) {
            handlers.onCommit(`${section.key}.${section.factsKey}.${f.key}`, VALUE_TYPES[f.valueType].zero)
          }
          onDone('已按正文将三项填为0。')
        }}
      >
        三项填0
      </button>
    </p>
  )
}
