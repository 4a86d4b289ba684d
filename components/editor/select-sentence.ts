'use client'
/**
 * Going to a narrative finding selects its sentence in the textarea (lib/editor/sentence-range.ts),
 * once the textarea is there: going to another section renders it a frame or two later.
 */
import { sentenceRange } from '@/lib/editor/sentence-range'
import { revealSelection } from './reveal-selection'

/** Frames to wait for the section's textarea to render before giving up. */
const FRAMES = 10

export function selectSentenceSoon(path: string, paragraph: number, quote: string | undefined): void {
  const attempt = (left: number) => {
    const el = document.querySelector<HTMLTextAreaElement>(`textarea[data-path="${CSS.escape(path)}"]`)
    if (el) {
      const [start, end] = sentenceRange(el.value, paragraph, quote)
      el.focus({ preventScroll: true })
      el.setSelectionRange(start, end)
      revealSelection(el)
      return
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1))
  }
  requestAnimationFrame(() => attempt(FRAMES))
}
