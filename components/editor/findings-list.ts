/**
 * The findings panel's counts, empty note and list, written to the DOM from the findings store
 * (decision 0860). React renders the panel's frame on mount and when its props change (a step
 * change, read-only); a keystroke's publish writes here and renders no component. The markup is
 * what the memoised React items rendered (decision 0440): same elements, classes, roles, titles
 * and texts. The list is keyed by finding: an item whose finding is the same object as last time
 * (lib/editor/stable-findings.ts) is left alone, so a key adds or removes only the items it
 * changes.
 */
import { cellByPath } from '@/lib/format/cells'
import { narrativePlace } from '@/lib/format/narrative-place'
import type { FormatDef, Severity } from '@/lib/format/types'
import type { RuleResult } from '@/lib/rules/evaluate'
import { explanationKey } from '@/lib/rules/explanation-key'
import { type Finding, failingCounts, findingValuesText } from '@/lib/rules/group-findings'
import { EXPLAIN_ASK, EXPLAIN_TITLE, explainView } from '@/lib/editor/explain-view'
import { MAX_EXPLANATION_CHARS } from '@/lib/report/schema'

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' }
export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info']

/** What the items act on; read at the time of the click, so a new handler needs no rewrite. */
export interface FindingHandlers {
  onChoose: (result: RuleResult) => void
  onExplain: (ruleId: string, text: string) => void
  /** Drops printed totals that disagree with their parts (以各项之和为准). */
  onDropStated?: (paths: string[]) => void
  /** Applies a narrative finding's fix: writes the table's value, or links it (`link`). */
  onFix?: (result: RuleResult, link: boolean) => void
}

function cellLabel(format: FormatDef, path: string): string {
  const cell = cellByPath(format, path)
  if (cell) return cell.label
  if (path === format.preamble.key) return format.preamble.heading
  return format.sections.find((s) => path === s.key || path.startsWith(`${s.key}.`))?.heading ?? path
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | null,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

/** The failing findings in the list's order: errors, then warnings, then notes. */
export function listOrder(failing: readonly Finding[]): Finding[] {
  return SEVERITY_ORDER.flatMap((severity) => failing.filter((f) => f.severity === severity))
}

/** The counts' texts by severity: “错误 2”. */
export function countTexts(failing: readonly Finding[]): Record<Severity, string> {
  const counts = failingCounts(failing)
  return {
    error: `${SEVERITY_LABELS.error} ${counts.error}`,
    warning: `${SEVERITY_LABELS.warning} ${counts.warning}`,
    info: `${SEVERITY_LABELS.info} ${counts.info}`,
  }
}

export interface ItemContext {
  format: FormatDef
  explainable: ReadonlySet<string>
  readOnly: boolean
  handlers: () => FindingHandlers
}

/** The explanation box of each item that has one. */
const explainBoxes = new WeakMap<HTMLLIElement, ExplainBox>()

/**
 * A warning's 情况说明 (decision 0950): closed, the explanation as text or a button “填写情况说明”
 * (lib/editor/explain-view.ts); open, the `<textarea>` as before (same label, length limit and
 * saving). The text area is created only when the officer opens the box, so a finding that appears
 * while a number is typed adds no form field (Chromium's autofill scans the forms on each one,
 * decision 0920). Leaving the box closes it, its text shown; clicking the text edits it again.
 */
class ExplainBox {
  readonly wrap = el('div', 'finding-explain')
  private box: HTMLTextAreaElement | null = null

  constructor(
    private readonly ctx: ItemContext,
    /** A rewritten sentence is another finding signature (decision 0370): a fresh item, a fresh box. */
    readonly key: string,
    private text: string,
  ) {
    this.close()
  }

  get isOpen() {
    return this.box !== null
  }

  /** A new stored explanation (typed here, or a merge or conflict choice). */
  setText(text: string) {
    this.text = text
    // The box is uncontrolled: a changed explanation is its new default, as React writes it.
    if (this.box) this.box.defaultValue = text
    else this.close()
  }

  private close() {
    this.box = null
    const view = explainView(this.text, this.ctx.readOnly)
    if (view === 'none') {
      this.wrap.replaceChildren()
      this.wrap.hidden = true
      return
    }
    this.wrap.hidden = false
    if (view === 'text') {
      this.wrap.replaceChildren(el('span', null, EXPLAIN_TITLE), el('span', 'finding-explain-text', this.text))
      return
    }
    const edit = el(
      'button',
      view === 'ask' ? 'finding-explain-ask' : 'finding-explain-text',
      view === 'ask' ? EXPLAIN_ASK : this.text,
    )
    edit.type = 'button'
    if (view === 'edit') edit.title = '修改情况说明'
    // A <button>: activated by click, Enter and Space; a button is not a field autofill scans for.
    edit.addEventListener('click', () => this.open())
    this.wrap.replaceChildren(...(view === 'edit' ? [el('span', null, EXPLAIN_TITLE), edit] : [edit]))
  }

  /** Opens the box, focused, the caret after the text. */
  open() {
    if (this.box || this.ctx.readOnly) return
    const label = el('label', null)
    label.append(el('span', null, EXPLAIN_TITLE))
    const box = el('textarea', null)
    box.rows = 2
    box.maxLength = MAX_EXPLANATION_CHARS
    box.defaultValue = this.text
    box.placeholder = '如确属实际情况，请说明原因'
    box.addEventListener('input', () => {
      this.text = box.value
      this.ctx.handlers().onExplain(this.key, box.value)
    })
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return
      e.preventDefault()
      this.close()
      this.wrap.querySelector('button')?.focus()
    })
    // Closed once the focus has gone elsewhere: not when the window loses it (the box is still the
    // document's active element), nor while the list moves the item (it focuses the box again).
    box.addEventListener('blur', () => {
      setTimeout(() => {
        if (this.box === box && document.activeElement !== box) this.close()
      }, 0)
    })
    label.append(box)
    this.box = box
    this.wrap.replaceChildren(label)
    box.focus()
    box.setSelectionRange(box.value.length, box.value.length)
  }
}

/** One finding's `<li>`, as FindingItem rendered it. */
export function findingItem(ctx: ItemContext, f: Finding, explanation: string): HTMLLIElement {
  const { format, readOnly } = ctx
  const values = findingValuesText(f)
  const ruleId = f.ruleIds[0]
  const first = f.results[0]
  const li = el('li', `finding finding-${f.severity}`)
  li.dataset.rule = ruleId
  li.dataset.rules = f.ruleIds.join(' ')
  if (first.narrative) li.dataset.paragraph = `${first.narrative.section}.${first.narrative.paragraph}`

  // Not a <button>: a form control added to the page costs Chromium's autofill a scan of the
  // document's forms, and a keystroke can add a finding (decision 0670).
  const go = el('div', 'finding-go')
  go.setAttribute('role', 'button')
  go.tabIndex = 0
  // The rules' codes are for reference (/rules), not for reading: a tooltip only.
  go.title = `规则 ${f.ruleIds.join('、')}`
  // Going to a finding goes to its first rule's cell.
  go.addEventListener('click', () => ctx.handlers().onChoose({ ...first, focus: f.focus }))
  go.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return
    e.preventDefault()
    ctx.handlers().onChoose({ ...first, focus: f.focus })
  })
  go.append(el('span', `badge badge-${f.severity}`, SEVERITY_LABELS[f.severity]))
  go.append(el('span', 'finding-message', f.message))
  if (values && !first.narrative) go.append(el('span', 'finding-values', values))
  if (first.narrative)
    go.append(el('span', 'finding-quote', `${narrativePlace(format, first.narrative)}：“${first.quote}”`))
  const cells = f.cells
    .slice(0, 3)
    .map((c) => cellLabel(format, c))
    .join('；')
  go.append(el('span', 'finding-cells', `${cells}${f.cells.length > 3 ? ` 等${f.cells.length}处` : ''}`))
  li.append(go)

  const handlers = ctx.handlers()
  if (f.stated?.length && handlers.onDropStated && !readOnly) {
    const drop = el('button', 'finding-resolve', '以各项之和为准')
    drop.type = 'button'
    drop.title = '删除表中写明的合计，按各项之和计算'
    drop.addEventListener('click', () => ctx.handlers().onDropStated?.(f.stated ?? []))
    li.append(drop)
  }
  const fix = first.fix
  if (fix && handlers.onFix && !readOnly) {
    const fixes = el('span', 'finding-fixes')
    const to = el('button', 'finding-resolve', `改为“${fix.to}”`)
    to.type = 'button'
    to.addEventListener('click', () => ctx.handlers().onFix?.(first, false))
    fixes.append(to)
    if (fix.link) {
      const link = el('button', 'finding-resolve', '插入关联数据')
      link.type = 'button'
      link.title = '插入关联数据：正文显示表中数值，并随表中数值改变'
      link.addEventListener('click', () => ctx.handlers().onFix?.(first, true))
      fixes.append(link)
    }
    li.append(fixes)
  }
  if (f.severity === 'warning' && f.ruleIds.length === 1 && ctx.explainable.has(ruleId)) {
    const explain = new ExplainBox(ctx, explanationKey(first), explanation)
    li.append(explain.wrap)
    explainBoxes.set(li, explain)
  }
  return li
}

interface Shown {
  finding: Finding
  explanation: string
  node: HTMLLIElement
}

/**
 * Keeps an `<ol>`'s items equal to the failing findings. Only what changed is touched: an item
 * whose finding object and explanation are the ones it was built from stays in place.
 */
export class FindingsListWriter {
  private shown = new Map<string, Shown>()
  private ctx: ItemContext | null = null

  constructor(private readonly list: HTMLOListElement) {}

  /** A new context (format, read-only, explainable): every item is built again. */
  setContext(ctx: ItemContext) {
    if (
      this.ctx &&
      this.ctx.format === ctx.format &&
      this.ctx.readOnly === ctx.readOnly &&
      this.ctx.explainable === ctx.explainable
    ) {
      this.ctx = ctx
      return
    }
    this.ctx = ctx
    for (const s of this.shown.values()) s.node.remove()
    this.shown.clear()
  }

  write(failing: readonly Finding[], explanations: Readonly<Record<string, string>>) {
    const ctx = this.ctx
    if (!ctx) return
    // The box the officer is typing in: focused again if placing the items moved it.
    const active = document.activeElement
    const typing = active instanceof HTMLTextAreaElement && this.list.contains(active) ? active : null
    const selection = typing ? ([typing.selectionStart, typing.selectionEnd] as const) : null
    const ordered = listOrder(failing)
    const next = new Map<string, Shown>()
    for (const f of ordered) {
      const explanation = explanations[explanationKey(f.results[0])] ?? ''
      const before = this.shown.get(f.key)
      if (before && before.finding === f) {
        if (before.explanation !== explanation) {
          explainBoxes.get(before.node)?.setText(explanation)
          before.explanation = explanation
        }
        next.set(f.key, before)
        continue
      }
      const node = findingItem(ctx, f, explanation)
      const open = before && explainBoxes.get(before.node)
      if (before && open?.isOpen && open.key === explainBoxes.get(node)?.key) {
        // The same finding changed (its values, its cells) while its box is open: the item keeps
        // its node and its box, with the new finding's other parts, so nothing typed is lost.
        adopt(before.node, node, open)
        next.set(f.key, { finding: f, explanation, node: before.node })
      } else next.set(f.key, { finding: f, explanation, node })
    }
    for (const [key, s] of this.shown) if (next.get(key)?.node !== s.node) s.node.remove()
    // Place the items in order, moving or inserting only those not already where they belong.
    let at: ChildNode | null = this.list.firstChild
    for (const s of next.values()) {
      if (s.node === at) {
        at = at.nextSibling
        continue
      }
      this.list.insertBefore(s.node, at)
    }
    this.shown = next
    if (typing && selection && typing.isConnected && document.activeElement !== typing) {
      typing.focus()
      typing.setSelectionRange(selection[0], selection[1])
    }
  }
}

/** Gives `node` the contents of `fresh` but keeps its open explanation box (`box`) in place. */
function adopt(node: HTMLLIElement, fresh: HTMLLIElement, box: ExplainBox) {
  for (const child of [...node.childNodes]) if (child !== box.wrap) child.remove()
  const freshBox = explainBoxes.get(fresh)
  for (const child of [...fresh.childNodes]) if (child !== freshBox?.wrap) node.insertBefore(child, box.wrap)
  node.className = fresh.className
  for (const key of Object.keys(node.dataset)) delete node.dataset[key]
  Object.assign(node.dataset, fresh.dataset)
}
