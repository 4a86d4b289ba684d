'use client'
/**
 * Linked numbers in the editor (lib/narrative/links.ts): “插入数据” puts a cell's token at the
 * cursor of a narrative, “生成依申请公开情况表述” writes the standard sentence with linked numbers,
 * and useLinkResolver gives the preview the numbers the tokens print, following those cells only.
 */
import { type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useWatch } from 'react-hook-form'
import type { FormatDef } from '@/lib/format/types'
import { applicationSentence } from '@/lib/narrative/application-sentence'
import { cellToken, linkableCells, linkedCells, linkPieces, type LinkPiece } from '@/lib/narrative/links'
import { MAX_NARRATIVE_CHARS } from '@/lib/report/schema'
import { setAt } from '@/lib/report/values'
import { useEditorContext } from './editor-store'

/** Table 三 is offered by its 总计 column (and its groups'): the officer writes totals in text. */
function offered(format: FormatDef) {
  return linkableCells(format).filter((c) => !c.path.startsWith('applications.') || c.path.endsWith('.total'))
}

/** Inserts at the textarea's selection (or at the end), and puts the caret after the insertion. */
function insertAt(el: HTMLTextAreaElement | null, text: string, insert: string): { next: string; caret: number } {
  const start = el ? el.selectionStart : text.length
  const end = el ? el.selectionEnd : text.length
  return { next: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length }
}

interface Props {
  format: FormatDef
  year: number
  /** The section: the 依申请公开 generator is offered in 一、总体情况 only. */
  sectionKey: string
  text: string
  textarea: RefObject<HTMLTextAreaElement | null>
  onText: (text: string) => void
}

export function LinkTools({ format, year, sectionKey, text, textarea, onText }: Props) {
  const [choosing, setChoosing] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const cells = useMemo(() => offered(format), [format])
  const bySection = useMemo(() => {
    const map = new Map<string, typeof cells>()
    for (const c of cells) map.set(c.section, [...(map.get(c.section) ?? []), c])
    return [...map]
  }, [cells])

  // The caret goes after the insertion once the new text is in the textarea (the commit that
  // renders it), so what the officer types next follows the inserted number, however fast.
  const caretAfter = useRef<number | null>(null)
  useLayoutEffect(() => {
    const caret = caretAfter.current
    const el = textarea.current
    if (caret === null || !el || el.value !== text) return
    caretAfter.current = null
    el.focus()
    el.setSelectionRange(caret, caret)
  }, [text, textarea])

  const put = (insert: string, done: string) => {
    if (text.length + insert.length > MAX_NARRATIVE_CHARS) {
      setMessage(`本部分最多${MAX_NARRATIVE_CHARS}字，未插入。`)
      return
    }
    const { next, caret } = insertAt(textarea.current, text, insert)
    caretAfter.current = caret
    onText(next)
    setMessage(done)
  }

  return (
    <div className="link-tools">
      {choosing ? (
        <label className="link-pick">
          <span>插入数据：</span>
          <select
            aria-label="选择要插入的表中数据"
            defaultValue=""
            onChange={(e) => {
              const path = e.target.value
              if (!path) return
              setChoosing(false)
              const label = cells.find((c) => c.path === path)?.label ?? path
              put(cellToken(path), `已插入“${label}”，表中数值改变时正文随之改变。`)
            }}
          >
            <option value="">（选择单元格）</option>
            {bySection.map(([section, list]) => (
              <optgroup key={section} label={section}>
                {list.map((c) => (
                  <option key={c.path} value={c.path}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="button" className="link" onClick={() => setChoosing(false)}>
            取消
          </button>
        </label>
      ) : (
        <button
          type="button"
          title="在光标处插入表中的数值，表中数值改变时正文随之改变"
          onClick={() => {
            setMessage(null)
            setChoosing(true)
          }}
        >
          插入数据
        </button>
      )}
      {sectionKey === format.sections[0].key ? (
        <GenerateApplications
          format={format}
          year={year}
          onSentence={(sentence) => {
            if (!sentence) {
              setMessage('请先在“三、收到和处理政府信息公开申请情况”中填写本年新收申请数量。')
              return
            }
            const before = textarea.current ? text.slice(0, textarea.current.selectionStart) : text
            const lead = before === '' || before.endsWith('\n') ? '' : '\n'
            put(`${lead}${sentence}`, '已写入依申请公开情况表述，其中的数字与表三关联。')
          }}
        />
      ) : null}
      {message ? (
        <span className="hint" role="status">
          {message}
        </span>
      ) : null}
    </div>
  )
}

/** Reads table 三 as it is now (only while section 一 is shown) to leave out outcomes of none. */
function GenerateApplications({
  format,
  year,
  onSentence,
}: {
  format: FormatDef
  year: number
  onSentence: (sentence: string | null) => void
}) {
  const { control } = useEditorContext()
  const applications = useWatch({ control, name: 'sections.applications' as never })
  return (
    <button type="button" onClick={() => onSentence(applicationSentence(format, year, { applications }))}>
      生成依申请公开情况表述
    </button>
  )
}

/**
 * What a text's links print, following only the cells they read: the preview re-renders when
 * one of those cells changes, not on every keystroke elsewhere.
 */
export function useLinkResolver(format: FormatDef, text: string): ((line: string) => LinkPiece[]) | null {
  const { control } = useEditorContext()
  const paths = useMemo(() => linkedCells(format, text), [format, text])
  const values = useWatch({ control, name: paths.map((p) => `sections.${p}`) as never[], disabled: paths.length === 0 })
  return useMemo(() => {
    if (!text.includes('{{')) return null
    const sections: Record<string, unknown> = {}
    const read = values as unknown[] | undefined
    for (let i = 0; i < paths.length; i++) setAt(sections, paths[i].split('.'), read?.[i])
    return (line: string) => linkPieces(format, sections, line)
  }, [format, text, paths, values])
}

/** A line with its linked numbers as chips (the number, the cell named on hover). */
export function LinkedText({ pieces, format }: { pieces: LinkPiece[]; format: FormatDef }) {
  const labels = useMemo(() => new Map(linkableCells(format).map((c) => [c.path, c.label])), [format])
  return (
    <>
      {pieces.map((p, i) =>
        p.link === undefined ? (
          <span key={i}>{p.text}</span>
        ) : (
          <span
            key={i}
            className={p.unknown ? 'link-chip link-chip-unknown' : 'link-chip'}
            data-link={p.link}
            title={p.unknown ? '无法识别的关联数据' : `关联数据：${labels.get(p.link) ?? shareLabel(p.link, labels)}`}
          >
            {p.text}
          </span>
        ),
      )}
    </>
  )
}

function shareLabel(link: string, labels: Map<string, string>): string {
  const m = /^share:([\w.]+)\/([\w.]+)$/.exec(link)
  return m ? `${labels.get(m[1]) ?? m[1]}占${labels.get(m[2]) ?? m[2]}的比例` : link
}
