'use client'

/**
 * A file field whose words are ours: the browser's own file input says "Choose File / No file
 * chosen" in the browser's language (English on many office machines), so the input is kept —
 * focusable, labelled, and what assistive technology and tests use — but drawn as a 选择文件 button
 * with the chosen names beside it.
 */
import { useState } from 'react'

export function FilePicker({
  label,
  accept,
  multiple = false,
  disabled = false,
  onFiles,
  clearAfterChoice = false,
}: {
  /** The field's label: the input's accessible name. */
  label: string
  accept?: string
  multiple?: boolean
  disabled?: boolean
  onFiles: (files: File[]) => void
  /** Empty the input after each choice, so that choosing the same file again is a new choice. */
  clearAfterChoice?: boolean
}) {
  const [chosen, setChosen] = useState<string>('')
  return (
    <label className="file-picker">
      <span className="file-picker-label">{label}</span>
      <span className="file-picker-row">
        <input
          type="file"
          className="file-picker-input"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            setChosen(files.map((f) => f.name).join('、'))
            if (files.length) onFiles(files)
            if (clearAfterChoice) e.target.value = ''
          }}
        />
        {/* Drawn only: a click anywhere in the label reaches the input; its name is the label's. */}
        <span className="button file-picker-button" aria-hidden="true">
          选择文件…
        </span>
        <span className="file-picker-chosen" aria-hidden="true">
          {chosen || '未选择文件'}
        </span>
      </span>
    </label>
  )
}
