/**
 * Whether a drawn table cell's text may be wider than its box, so that the cell must clip it
 * (`div.cell.cell-long { overflow: hidden }`, decision 1010). A clip on every cell cost the frame
 * a paint property node per cell (177 in table 三) for text that almost never needs it; a cell
 * clips only when this says its text could reach its border.
 *
 * The bound, in CSS pixels of app/globals.css: a drawn cell is at least 64 px wide (`.cell`
 * min-width, border-box) with a 2 px border and 6 px padding, and its text is right-aligned in
 * 13 px type. Text wider than the content box overflows to the right into the padding, which the
 * clip (the padding box) does not cut, so a text of up to 64 − 2 × 2 − 6 = 54 px looks the same
 * with or without the clip. In the fonts of `--sans` no printable ASCII, CJK or full-width
 * character is wider than 1 em (13 px): 4 such characters (52 px) always fit. Anything longer, or
 * with another character (an emoji, a combining mark, a rare symbol whose width is unknown),
 * clips. Narrower tables (表七's 44 px columns) clip every cell in their own CSS.
 */
export const UNCLIPPED_MAX_CHARS = 4

/** Characters no wider than 1 em in the cell's fonts: printable ASCII, CJK punctuation and ideographs, full-width forms. */
const NARROW_ENOUGH = /^[\x20-\x7e\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]*$/

export function cellMayOverflow(text: string): boolean {
  return text.length > UNCLIPPED_MAX_CHARS || !NARROW_ENOUGH.test(text)
}
