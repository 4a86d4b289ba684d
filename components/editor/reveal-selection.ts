'use client'
/**
 * Brings a textarea's selection into view inside the textarea. Selecting with
 * `setSelectionRange` after `focus({ preventScroll: true })` does not scroll a textarea, so going
 * to a finding in paragraph 4 of a long text scrolled to its end selected words nobody could see.
 * A textarea does not tell where a character is: a hidden copy of its text, wrapped at the same
 * width in the same font, does.
 */

const COPIED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'textIndent',
  'tabSize',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
] as const

/** Where the selection starts, in the textarea's scroll coordinates, and its line's height. */
function selectionTop(el: HTMLTextAreaElement): { top: number; line: number } {
  const style = getComputedStyle(el)
  const mirror = document.createElement('div')
  for (const p of COPIED) mirror.style[p] = style[p]
  const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight)
  Object.assign(mirror.style, {
    position: 'absolute',
    visibility: 'hidden',
    left: '-10000px',
    top: '0',
    boxSizing: 'content-box',
    border: '0',
    // clientWidth leaves out the scroll bar: the copy wraps where the textarea does.
    width: `${Math.max(0, el.clientWidth - padding)}px`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
  })
  mirror.textContent = el.value.slice(0, el.selectionStart)
  const marker = document.createElement('span')
  marker.textContent = el.value.slice(el.selectionStart, el.selectionEnd) || '.'
  mirror.append(marker)
  document.body.append(mirror)
  const top = marker.offsetTop
  const line = Number.parseFloat(style.lineHeight) || marker.offsetHeight
  mirror.remove()
  return { top, line }
}

/** Scrolls the textarea, when the selection's first line is out of its view, to show it a third down. */
export function revealSelection(el: HTMLTextAreaElement): void {
  const { top, line } = selectionTop(el)
  if (top >= el.scrollTop && top + line <= el.scrollTop + el.clientHeight) return
  el.scrollTop = Math.max(0, top - el.clientHeight / 3)
}
