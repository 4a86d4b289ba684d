/**
 * What a warning's 情况说明 shows while its box is closed (decision 0950). The `<textarea>` is
 * created only when the officer opens it: a text area added to the page makes Chromium's autofill
 * scan the document's forms again, and typing a number can make a warning appear on every key.
 *
 * - `ask`: nothing explained yet, editable: a button “填写情况说明” that opens the box.
 * - `edit`: explained, editable: the explanation as a button's text; activating it opens the box.
 * - `text`: explained, read-only: the explanation as text.
 * - `none`: nothing explained, read-only: nothing to show.
 *
 * An explanation of spaces only is not one (lib/report/completeness.ts trims it).
 */
export type ExplainView = 'ask' | 'edit' | 'text' | 'none'

export function explainView(explanation: string, readOnly: boolean): ExplainView {
  if (!explanation.trim()) return readOnly ? 'none' : 'ask'
  return readOnly ? 'text' : 'edit'
}

export const EXPLAIN_TITLE = '情况说明（审核人可见）'
export const EXPLAIN_ASK = '填写情况说明'
