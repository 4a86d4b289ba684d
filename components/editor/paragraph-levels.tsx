'use client'
/**
 * The typeset preview of a narrative with the level of each paragraph beside it: the level the
 * app detected from the shape of the line (lib/narrative.ts detectLevel) and, where the officer
 * chose otherwise, theirs, stored as a `{{h:N}}` marker at the start of the line so that every
 * export agrees. Self-contained: the text in, the changed text out.
 */
import { type ReactNode, useMemo } from 'react'
import {
  HEADING_LEVEL_NAMES,
  HEADING_LEVEL_SHORT,
  type HeadingLevel,
  paragraphLevels,
  parseNarrative,
  type TextRun,
  withOverride,
} from '@/lib/narrative'

/** How a run's text is drawn: as it is, or with its linked numbers (components/editor/link-tools.tsx). */
type RenderText = (text: string) => ReactNode

function Runs({ runs, render }: { runs: TextRun[]; render?: RenderText }) {
  return (
    <>
      {runs.map((r, i) => {
        const content = render ? render(r.text) : r.text
        return r.bold ? <strong key={i}>{content}</strong> : <span key={i}>{content}</span>
      })}
    </>
  )
}

const LEVELS: (0 | HeadingLevel)[] = [0, 1, 2, 3, 4]

/** The text with one line's level set; choosing the detected level removes the marker. */
export function setParagraphLevel(text: string, line: number, level: 0 | HeadingLevel, detected: 0 | HeadingLevel) {
  const lines = text.split('\n')
  lines[line - 1] = withOverride(lines[line - 1], level === detected ? null : level)
  return lines.join('\n')
}

interface Props {
  text: string
  /** Absent: a read-only preview (badges only). */
  onChange?: (text: string) => void
  /** Paragraphs (line numbers) with a narrative finding, and its severity (components/editor/narrative-marks.tsx). */
  marks?: ReadonlyMap<number, 'error' | 'warning' | 'info'>
  /** Draws text with its linked numbers as the values they print. */
  render?: RenderText
}

export function ParagraphLevelPreview({ text, onChange, marks, render }: Props) {
  const levels = useMemo(() => paragraphLevels(text), [text])
  const paragraphs = useMemo(() => parseNarrative(text), [text])
  if (paragraphs.length === 0) return <p className="preview-empty">（尚无内容）</p>
  return (
    // Scrolls when long: focusable so that a keyboard user can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="preview-page" aria-label="排版预览" tabIndex={0}>
      {paragraphs.map((p, i) => {
        const info = levels[i]
        const label =
          info.override === null ? `${HEADING_LEVEL_SHORT[info.level]}（自动）` : HEADING_LEVEL_SHORT[info.level]
        return (
          <div
            key={info.line}
            className={`pv-row${marks?.has(info.line) ? ` pv-mark pv-mark-${marks.get(info.line)}` : ''}`}
            data-line={info.line}
            data-level={info.level}
            data-mark={marks?.get(info.line)}
          >
            {onChange ? (
              <select
                className={`pv-level-select${info.override === null ? '' : ' pv-level-chosen'}`}
                aria-label={`第${info.line}段的级别`}
                value={info.override === null ? 'auto' : String(info.override)}
                onChange={(e) => {
                  const v = e.target.value
                  const level = (v === 'auto' ? info.detected : Number(v)) as 0 | HeadingLevel
                  onChange(setParagraphLevel(text, info.line, level, info.detected))
                }}
              >
                <option value="auto">自动：{HEADING_LEVEL_SHORT[info.detected]}</option>
                {LEVELS.map((l) => (
                  <option key={l} value={String(l)}>
                    {l === 0 ? '正文' : HEADING_LEVEL_NAMES[l]}
                  </option>
                ))}
              </select>
            ) : (
              <span className="pv-level-badge">{label}</span>
            )}
            <p
              className={`pv-body${p.level ? ` pv-level-${p.level}` : ''}`}
              title={p.level ? HEADING_LEVEL_NAMES[p.level] : '正文'}
            >
              {p.level ? (
                <span className={`pv-heading-${p.level}`}>
                  <Runs runs={p.heading} render={render} />
                </span>
              ) : null}
              <Runs runs={p.body} render={render} />
            </p>
          </div>
        )
      })}
    </section>
  )
}
