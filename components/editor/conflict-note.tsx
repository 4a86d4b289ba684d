'use client'
import { cellByPath } from '@/lib/format/cells'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import type { LeafConflict } from '@/lib/editor/use-autosave'
import { type LeafValue, leafLabel } from '@/lib/report/patch'

interface Props {
  format: FormatDef
  conflict: LeafConflict
  onResolve: (path: string, choice: 'mine' | 'theirs') => void
  /** Inside a table cell the label is the cell itself; elsewhere say which it is. */
  withLabel?: boolean
}

function shown(format: FormatDef, path: string, value: LeafValue): string {
  if (value === null) return path.includes('#') ? '（已删除）' : '（空白）'
  const cell = cellByPath(format, path.replace(/^sections\./, ''))
  const text = cell ? VALUE_TYPES[cell.valueType].screenText(value) : String(value)
  return text === '' ? '（空白）' : text
}

/** A leaf this tab and someone else both changed: both values, and the officer's choice. */
export function ConflictNote({ format, conflict, onResolve, withLabel = false }: Props) {
  const { path } = conflict
  return (
    <div className="conflict-note" role="alert" data-conflict={path}>
      <strong>{withLabel ? `${leafLabel(format, path)}：` : ''}他人同时修改了此处</strong>
      <span className="conflict-value" data-side="mine">
        您的：{shown(format, path, conflict.mine)}
      </span>
      <span className="conflict-value" data-side="theirs">
        对方的：{shown(format, path, conflict.theirs)}
      </span>
      <span className="conflict-actions">
        <button type="button" onClick={() => onResolve(path, 'mine')}>
          保留我的
        </button>
        <button type="button" onClick={() => onResolve(path, 'theirs')}>
          采用对方的
        </button>
      </span>
    </div>
  )
}
