'use client'
/**
 * 沿用上年度正文 in the editor (issue 13). While every narrative is empty and there is a report
 * of last year, the officer may start from its text; each copied narrative is then marked
 * (report.origins `prefilled`) with a 确认 button until confirmed or changed, and the report
 * cannot be completed while one is unconfirmed (lib/report/completeness.ts).
 */
import { useEffect, useRef, useState } from 'react'
import { useWatch } from 'react-hook-form'
import { startFromPreviousText } from '@/lib/api-client'
import { narrativePath } from '@/lib/format/cells'
import type { FormatDef, SectionDef } from '@/lib/format/types'
import type { Origin, ReportData } from '@/lib/report/schema'
import { useEditorContext } from './editor-store'

/** One narrative's mark: the note and its 确认; an edit of the text drops the mark too. */
function PrefilledMark({
  name,
  heading,
  year,
  readOnly,
  onDrop,
}: {
  /** The origins key (preamble, overview, otherMatters.text). */
  name: string
  heading: string
  year: number | null
  readOnly: boolean
  onDrop: (key: string) => void
}) {
  const { control } = useEditorContext()
  const field = (name === 'preamble' ? 'preamble' : `sections.${name}`) as 'preamble'
  const text = useWatch({ control, name: field })
  // The text as copied: once the officer changes it, it is theirs (the server drops the mark too).
  const copied = useRef(text)
  useEffect(() => {
    if (text !== copied.current) onDrop(name)
  }, [text, name, onDrop])
  return (
    <div className="prefilled-note" data-prefilled={name} role="note">
      <span>{`“${heading}”的文字取自${year ? `${year}年度` : '上年度'}年报，尚未确认。请逐段核对、修改过时的内容（修改后标记自动取消），或确认沿用。`}</span>
      <button type="button" disabled={readOnly} onClick={() => onDrop(name)}>
        确认
      </button>
    </div>
  )
}

export function PrefilledText({
  format,
  section,
  part,
  reportId,
  previousYear,
  mayStart,
  readOnly,
  beforeStart,
  onOrigins,
}: {
  format: FormatDef
  section: SectionDef
  /** Which marks: the preamble's (drawn above the first section's heading) or the section's own. */
  part: 'preamble' | 'section'
  reportId: string
  previousYear: number | null
  /** The officer may edit and there is a report of last year. */
  mayStart: boolean
  readOnly: boolean
  /** Saves what is pending before the server writes the copied text. */
  beforeStart: () => Promise<unknown>
  onOrigins: (origins: ReportData['origins']) => void
}) {
  const { control } = useEditorContext()
  const origins = useWatch({ control, name: 'origins' }) as Record<string, Origin> | undefined
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const here =
    part === 'preamble'
      ? [{ key: format.preamble.key, heading: format.preamble.heading }]
      : narrativePath(section)
        ? [{ key: narrativePath(section) as string, heading: section.heading }]
        : []
  const texts = useWatch({
    control,
    name: [
      'preamble',
      ...format.sections.flatMap((s) => (narrativePath(s) ? [`sections.${narrativePath(s)}` as const] : [])),
    ] as 'preamble'[],
  }) as unknown[]
  const empty = texts.every((t) => typeof t !== 'string' || t.trim() === '')
  // One stable function for the marks; it reads the marks as they are now.
  const dropRef = useRef<(key: string) => void>(() => {})
  dropRef.current = (key: string) => {
    if (!origins?.[key]) return
    const { [key]: _, ...rest } = origins
    onOrigins(Object.keys(rest).length ? rest : undefined)
  }
  const [drop] = useState(() => (key: string) => dropRef.current(key))

  const marks = here.filter((n) => origins?.[n.key] === 'prefilled')
  const start = async () => {
    setMessage(null)
    setBusy(true)
    await beforeStart()
    const result = await startFromPreviousText(reportId)
    if (result.ok) {
      window.location.reload()
      return
    }
    setBusy(false)
    setMessage(result.error.message)
  }

  return (
    <>
      {mayStart && empty && part === 'section' && here.length > 0 ? (
        <div className="prefilled-offer" data-testid="start-from-previous">
          <button type="button" disabled={busy || readOnly} onClick={start}>
            沿用上年度正文
          </button>
          <span className="hint">
            正文尚未填写：可将{previousYear}年度年报的开头段落和各部分文字复制过来作为起点，逐节核对修改后确认。
          </span>
          {message ? (
            <p className="field-error" role="alert">
              {message}
            </p>
          ) : null}
        </div>
      ) : null}
      {marks.map((n) => (
        <PrefilledMark
          key={n.key}
          name={n.key}
          heading={n.heading}
          year={previousYear}
          readOnly={readOnly}
          onDrop={drop}
        />
      ))}
    </>
  )
}
