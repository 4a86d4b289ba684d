'use client'
/**
 * Last year beside this year (issue 13): under each cell of tables 二、三、四, last year's value
 * (mapped to this format, lib/rules/previous.ts) and the change. Drawn only while the officer
 * has 对照上年 on: with it off no cell subscribes to anything here, and with it on a keystroke
 * renders the changed cell's box alone (each box watches its own path).
 */
import { createContext, memo, useContext } from 'react'
import { getAt, isBlank } from '@/lib/report/values'
import { changeOf } from '@/lib/report/year-change'
import { useCellValue } from './editor-store'

/** Last year's sections in this format's shape while 对照上年 is on, else null. */
export const BesideContext = createContext<Record<string, unknown> | null>(null)

/**
 * Last year's value of one cell and the change, inside the cell (below its input). With 对照上年
 * off it reads the context only: the box, and its subscription to the cell, exist only while on.
 */
export const PreviousBeside = memo(function PreviousBeside({ path }: { path: string }) {
  const previous = useContext(BesideContext)
  return previous === null ? null : <BesideBox path={path} previous={previous} />
})

function BesideBox({ path, previous }: { path: string; previous: Record<string, unknown> }) {
  const now = useCellValue(path)
  const was = getAt(previous, path.split('.'))
  // A cell last year's format does not have (2019 table 二 under 2021): nothing to compare.
  if (was === undefined) return null
  const change = changeOf(was, now)
  const wasText = isBlank(was) ? '空' : String(was)
  return (
    <div
      className={`beside${change?.jump ? ' beside-jump' : ''}`}
      data-beside={path}
      title={`上年度：${wasText}${change ? `，变化：${change.text}` : ''}${change?.jump ? '（变化较大，欢迎在说明中写明原因）' : ''}`}
    >
      <span className="beside-was">{wasText}</span>
      {change ? <span className="beside-change">{change.text}</span> : null}
    </div>
  )
}

/** The 对照上年 switch, shown when there is a report of last year. */
export function BesideToggle({ on, onChange, year }: { on: boolean; onChange: (on: boolean) => void; year: number }) {
  return (
    <label className="beside-toggle">
      <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} />
      <span>对照上年</span>
      {on ? <span className="hint">各单元格下方小字为{year}年度数值及变化</span> : null}
    </label>
  )
}
