'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import {
  type ComponentProps,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { type FieldErrors, useForm, useFormState, useWatch } from 'react-hook-form'
import { chinaClock } from '@/lib/china-time'
import { cellByPath, sectionCells } from '@/lib/format/cells'
import { tableGrid } from '@/lib/format/grid'
import { FORMAT_LIST, formatFor } from '@/lib/format/index'
import type { FormatDef } from '@/lib/format/types'
import { VALUE_TYPES } from '@/lib/format/value-types'
import { neighbour, planPaste, valueCellPositions } from '@/lib/editor/paste'
import { ErrorsStore } from '@/lib/editor/errors-store'
import { FindingsStore } from '@/lib/editor/findings-store'
import { DeferredNarrative } from '@/lib/editor/narrative-deferred'
import { ValuesStore } from '@/lib/editor/values-store'
import { valueChanges } from '@/lib/editor/apply-values'
import { blanksWhereStarted, sectionOfFinding, sectionStatuses } from '@/lib/editor/section-status'
import { type SaveState, useAutosave } from '@/lib/editor/use-autosave'
import { beforeIdleSignOut } from '@/lib/idle-clock'
import { checkCompleteness, type Completeness } from '@/lib/report/completeness'
import { feeStatement, withFeeStatement } from '@/lib/report/fee-statement'
import { type ReportData, reportSchema } from '@/lib/report/schema'
import { getAt } from '@/lib/report/values'
import { derivedCells } from '@/lib/rules/derive'
import { incrementalEvaluator, type RuleResult } from '@/lib/rules/evaluate'
import { mapPrevious, type PreviousReport } from '@/lib/rules/previous'
import type { CommentView } from '@/lib/services/comments'
import type { WorkflowView } from '@/lib/services/workflow-view'
import { editRefusal, STATES, stateLabel, transitionChoices } from '@/lib/workflow/workflow'
import { leafLabel } from '@/lib/report/patch'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { CommentsPanel } from '@/components/workflow/comments-panel'
import { WorkflowBar } from '@/components/workflow/workflow-bar'
import { type CellHandlers, useInputError } from './cell-input'
import { ConflictNote } from './conflict-note'
import { EditorContext, useCellFinding, useEditorContext, useFindings, useStillCurrent } from './editor-store'
import { ExportErrorsNote, ExportMenu, writeExportErrors } from './export-menu'
import { FindingsPanel } from './findings-panel'
import { NarrativeSection } from './narrative-section'
import { applyFix } from '@/lib/narrative/apply-fix'
import { PreambleEditor } from './preamble-editor'
import { selectSentenceSoon } from './select-sentence'
import { BesideContext, BesideToggle } from './previous-beside'
import { PrefilledText } from './prefilled-text'
import { type PreviousSource, PreviousReportNote } from './previous-report-note'
import { SectionStepper, writeStatuses } from './section-stepper'
import { TableGridView } from './table-grid'

/** Reviewers and the 政务公开办 above the agency comment and resolve in the same threads (decision 0270). */
const reviews = (roles: readonly string[]) => roles.includes('reviewer') || roles.includes('coordinator')

export interface EditorProps {
  reportId: string
  version: number
  status: string
  updatedAt: string
  report: ReportData
  initialSection?: string
  /** The workflow state and the transitions this user may take. */
  workflow: WorkflowView
  comments: CommentView[]
  /** The user's roles for this report's agency. */
  roles: string[]
  /** The report's agency: its contact details feed the preamble generator. */
  agencyId?: string
  /** The agency's report of the year before (lib/services/report-previous.ts): the cross-year rules use it. */
  previous?: (PreviousReport & Omit<PreviousSource, 'year'>) | null
  /** Why the server cannot make PDFs, or null (lib/export/pdf.ts pdfUnavailableReason). */
  pdfUnavailable?: string | null
}

/** A message about the report as it was at one change (findings.version): gone after the next. */
interface Stamped<T> {
  value: T
  version: number
}

const NO_EXPLANATIONS: Record<string, string> = {}

function SaveIndicator({ state, conflicts }: { state: SaveState; conflicts: number }) {
  // A leaf in conflict holds the other person's value until the officer chooses: not "saved".
  if (conflicts > 0 && (state.kind === 'saved' || state.kind === 'pending')) {
    return (
      <span className="save save-pending" data-save="conflicts" role="status">
        有 {conflicts} 处修改与他人冲突，请选择
      </span>
    )
  }
  switch (state.kind) {
    case 'saved':
      return (
        <span className="save save-ok" data-save="saved">
          ✓ 已保存{state.at ? ` ${chinaClock(state.at)}` : ''}
        </span>
      )
    case 'pending':
      return (
        <span className="save save-pending" data-save="pending">
          有未保存的修改
        </span>
      )
    case 'saving':
      return (
        <span className="save save-pending" data-save="saving">
          保存中…
        </span>
      )
    case 'failed':
      return (
        <span className="save save-failed" data-save="failed" role="alert">
          保存失败：{state.message}
          {state.retryInMs ? `，${Math.round(state.retryInMs / 1000)}秒后重试` : ''}
        </span>
      )
    case 'invalid':
      return (
        <span className="save save-failed" data-save="invalid" role="alert">
          未保存：{state.message}
        </span>
      )
    case 'conflict':
      return (
        <span className="save save-failed" data-save="conflict" role="alert">
          未保存：已在别处修改
        </span>
      )
    default: {
      const never: never = state
      return never
    }
  }
}

/** The opening paragraph, subscribed to its own text: a keystroke there renders only it. */
function LivePreamble(props: Omit<ComponentProps<typeof PreambleEditor>, 'text'>) {
  const { control } = useEditorContext()
  const text = (useWatch({ control, name: 'preamble' }) ?? '') as string
  return <PreambleEditor {...props} text={text} />
}

/** Inputs that are not values cannot be saved: the header says how many and where. */
function InvalidInputs({ format, paths, onGo }: { format: FormatDef; paths: string[]; onGo: (path: string) => void }) {
  return (
    <span className="save save-failed" data-save="invalid-input" role="alert">
      {paths.length} 处输入无法保存：
      {paths.slice(0, 3).map((p, i) => (
        <button key={p} type="button" className="link" onClick={() => onGo(p.replace(/^sections\./, ''))}>
          {i > 0 ? '、' : ''}
          {leafLabel(format, p)}
        </button>
      ))}
      {paths.length > 3 ? ` 等` : ''}
    </span>
  )
}

/** The full paths (sections.applications.granted.natural) of the form's errors. */
function errorPaths(errors: FieldErrors<ReportData>): string[] {
  const out: string[] = []
  const walk = (node: unknown, prefix: string) => {
    if (!node || typeof node !== 'object') return
    const entry = node as Record<string, unknown>
    if (typeof entry.message === 'string' && typeof entry.type === 'string') {
      out.push(prefix)
      return
    }
    for (const [key, child] of Object.entries(entry)) if (key !== 'ref') walk(child, prefix ? `${prefix}.${key}` : key)
  }
  walk(errors, '')
  return out
}

/**
 * The save state in the header, or the inputs that cannot be saved (refused input in the form's
 * errors, typed here or named by the server); leaving the page with either warns.
 */
function SaveStatus({
  format,
  stateStore,
  conflicts,
  mayEdit,
  onGo,
}: {
  format: FormatDef
  /** The save state (lib/editor/use-autosave.ts): only this renders when it changes (decision 0890). */
  stateStore: { get: () => SaveState; subscribe: (listener: () => void) => () => void }
  conflicts: number
  mayEdit: boolean
  onGo: (path: string) => void
}) {
  const state = useSyncExternalStore(stateStore.subscribe, stateStore.get, stateStore.get)
  const { control } = useEditorContext()
  const { errors } = useFormState({ control })
  const invalidPaths = useMemo(() => errorPaths(errors), [errors])
  const unsaved = state.kind !== 'saved' || invalidPaths.length > 0
  useEffect(() => {
    if (!unsaved || !mayEdit) return
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [unsaved, mayEdit])
  if (!mayEdit) return null
  return invalidPaths.length > 0 ? (
    <InvalidInputs format={format} paths={invalidPaths} onGo={onGo} />
  ) : (
    <SaveIndicator state={state} conflicts={conflicts} />
  )
}

/** The focused cell's label and what is wrong with it, above the table: never over another cell. */
function CellStatusLine({ format, path }: { format: FormatDef; path: string | null }) {
  const error = useInputError(path)
  const { message } = useCellFinding(path ?? '')
  const label = path ? (cellByPath(format, path)?.label ?? path) : null
  return (
    <p
      className={`cell-status${error ? ' cell-status-invalid' : message ? ' cell-status-finding' : ''}`}
      aria-live="polite"
    >
      {label ? <strong>{label}</strong> : '选中单元格后，这里显示它的名称和检查结果。'}
      {label && error ? `：${error}（未保存）` : ''}
      {label && !error && message ? `：${message}` : ''}
    </p>
  )
}

/** The findings panel, following the published results and the explanations. */
function LiveFindings(props: Omit<ComponentProps<typeof FindingsPanel>, 'findings' | 'explanations'>) {
  const { control, findings } = useEditorContext()
  const explanations = useWatch({ control, name: 'explanations' }) ?? NO_EXPLANATIONS
  // The results are not read here: the panel follows the store outside React (decision 0860).
  return <FindingsPanel {...props} findings={findings} explanations={explanations} />
}

/**
 * The stepper follows the section statuses outside React: it renders when its props change (the
 * section shown), and a publish that changes the statuses writes them on its buttons
 * (`writeStatuses`), so a keystroke renders nothing here (decision 0760).
 */
function LiveStepper(props: Omit<ComponentProps<typeof SectionStepper>, 'statuses'>) {
  const { findings } = useEditorContext()
  const nav = useRef<HTMLElement>(null)
  const active = useRef(props.active)
  active.current = props.active
  useLayoutEffect(() => {
    let shown = findings.statuses
    const write = () => {
      if (findings.statuses === shown || !nav.current) return
      shown = findings.statuses
      writeStatuses(nav.current, shown, active.current)
    }
    write()
    return findings.subscribe(write)
  }, [findings])
  return <SectionStepper {...props} ref={nav} statuses={findings.statuses} />
}

function LiveExportMenu(props: Omit<ComponentProps<typeof ExportMenu>, 'errorsNote'>) {
  return <ExportMenu {...props} errorsNote={<LiveExportErrorsNote />} />
}

/**
 * Only the note follows the error count, and outside React: a publish writes its text
 * (`writeExportErrors`), so a keystroke renders neither the menu nor the note (decision 0760).
 */
function LiveExportErrorsNote() {
  const { findings } = useEditorContext()
  const note = useRef<HTMLParagraphElement>(null)
  useLayoutEffect(() => {
    const write = () => {
      if (note.current) writeExportErrors(note.current, findings.errorCount)
    }
    write()
    return findings.subscribe(write)
  }, [findings])
  return <ExportErrorsNote ref={note} errorCount={findings.errorCount} />
}

function SubmitHint({ mayEdit }: { mayEdit: boolean }) {
  const errorCount = useFindings((s) => s.errorCount)
  return <span className="hint">{errorCount === 0 && mayEdit ? '全部填写并核对后，点击右上角“提交审核”。' : ''}</span>
}

/** A notice about one change (a paste, a fill, a save's cleaning): gone once the report changes again. */
function NoticeLine({ notice, onClose }: { notice: Stamped<string> | null; onClose: () => void }) {
  const current = useStillCurrent(notice?.version ?? null)
  if (!notice || !current) return null
  return (
    <div className="banner banner-info" role="status">
      {notice.value}
      <button type="button" className="link" onClick={onClose}>
        关闭
      </button>
    </div>
  )
}

/**
 * Why the report cannot be completed or submitted yet. While shown it follows the edits: the
 * counts are recomputed on every change, and it goes once nothing is missing.
 */
function CompletionRefusal({
  format,
  shown,
  action,
  check,
  onClose,
  onGo,
}: {
  format: FormatDef
  shown: Stamped<Completeness>
  action: string
  /** The check as of now. */
  check: () => Completeness
  onClose: () => void
  onGo: (path: string) => void
}) {
  const version = useFindings((s) => s.version)
  const completion = useMemo(() => (version === shown.version ? shown.value : check()), [version, shown, check])
  useEffect(() => {
    if (completion.complete) onClose()
  }, [completion.complete, onClose])
  if (completion.complete) return null
  return (
    <div className="banner banner-warn" role="alert" data-testid="completion-refusal">
      <strong>还不能{action}：</strong>
      <ul>
        {completion.blank.length > 0 ? (
          <li>
            有 {completion.blank.length} 处空白（空白不等于0，没有的请填0）。
            <button type="button" className="link" onClick={() => onGo(completion.blank[0])}>
              转到第一处：{cellByPath(format, completion.blank[0])?.label ?? completion.blank[0]}
            </button>
          </li>
        ) : null}
        {completion.errors.length > 0 ? <li>有 {completion.errorFindings} 条错误未改正（见右侧检查结果）。</li> : null}
        {completion.unexplained.length > 0 ? (
          <li>有 {completion.unexplained.length} 条警告需要填写情况说明。</li>
        ) : null}
        {completion.unconfirmed.length > 0 ? (
          <li>有 {completion.unconfirmed.length} 处沿用上年度的内容尚未确认（请在相应部分核对后点“确认”）。</li>
        ) : null}
        {Object.keys(completion.invalid).length > 0 && completion.blank.length === 0 ? (
          <li>有内容不符合要求：{Object.values(completion.invalid)[0]}</li>
        ) : null}
      </ul>
      <button type="button" className="link" onClick={onClose}>
        关闭
      </button>
    </div>
  )
}

export function ReportEditor({
  reportId,
  version,
  updatedAt,
  report,
  initialSection,
  workflow: initialWorkflow,
  comments: initialComments,
  roles,
  agencyId,
  previous = null,
  pdfUnavailable = null,
}: EditorProps) {
  const format = formatFor(report.formatVersion)
  if (!format) throw new Error(`unknown format ${report.formatVersion}`)
  const derived = useMemo(() => derivedCells(format), [format])
  // The values live in the form; the draft schema of the format is its resolver. Nothing here
  // watches them: each cell, total and panel subscribes to the part it shows (editor-store.ts).
  const form = useForm<ReportData>({
    defaultValues: report,
    resolver: zodResolver(reportSchema(format, 'draft')),
  })
  // Blank cells are not marked one by one: a new report would be all warnings.
  const blankRules = useMemo(() => new Set(format.rules.filter((r) => r.kind === 'filled').map((r) => r.id)), [format])
  const explainable = useMemo(
    () => new Set(format.rules.filter((r) => r.severity === 'warning' && !blankRules.has(r.id)).map((r) => r.id)),
    [format, blankRules],
  )
  /**
   * The rules on the given values, and the stepper's view of them: the one place that says what
   * the rules are given (the first render and every change use it).
   */
  // The narrative checks (issue 14) run only when a narrative changed, after a pause in typing.
  const narrative = useMemo(
    () => new DeferredNarrative(format, { previous }, report.year),
    [format, previous, report.year],
  )
  // Only the rules whose cells or texts changed run again on a keystroke (decision 0440).
  const evaluateRules = useMemo(() => incrementalEvaluator(format), [format])
  const evaluate = useCallback(
    (values: ReportData) => {
      // Blanks of sections nobody has started wait (待填写) rather than fail.
      const results = blanksWhereStarted(
        format,
        values.sections,
        evaluateRules({
          sections: values.sections,
          agency: report.agency,
          stated: values.stated,
          preamble: values.preamble,
          previous,
          year: report.year,
          narrative: narrative.get(values),
        }),
      )
      return { results, statuses: sectionStatuses(format, values.sections, results) }
    },
    [format, evaluateRules, report.agency, previous, report.year, narrative],
  )
  const [findings] = useState(() => {
    const { results, statuses } = evaluate(report)
    return new FindingsStore(results, statuses, blankRules)
  })
  // Values carried over from last year's report (report.origins), as they were when the page opened:
  // a cell shows the mark while it still holds that value.
  const carried = useMemo(
    () =>
      new Map(
        Object.entries(report.origins ?? {})
          .filter(([, origin]) => origin === 'carried')
          .map(([path]) => [path, getAt(report.sections, path.split('.'))]),
      ),
    [report],
  )
  // The cells' values (decision 0330): told by publish(), which every change of the values ends in.
  const [values] = useState(() => new ValuesStore(() => form.getValues('sections')))
  // Refused input (decision 0440): one subscription to the form's errors, not one per cell.
  const [errors] = useState(() => new ErrorsStore((path) => form.getFieldState(`sections.${path}`).error?.message))
  useEffect(() => form.subscribe({ formState: { errors: true }, callback: () => errors.sync() }), [form, errors])
  const context = useMemo(
    () => ({ control: form.control, findings, values, errors, carried }),
    [form.control, findings, values, errors, carried],
  )
  // 对照上年: last year's values are mapped only once the officer turns it on.
  const [beside, setBeside] = useState(false)
  const besideSections = useMemo(
    () => (beside && previous ? mapPrevious(format, previous) : null),
    [beside, previous, format],
  )
  /** After every change of the values: the rules run once and the findings are published. */
  const publish = useCallback(
    /** `paths`: the only leaves below `sections` that changed since the last publish, if known. */
    (paths?: readonly string[]) => {
      const current = form.getValues()
      values.sync(current.sections, paths)
      const { results, statuses } = evaluate(current)
      findings.publish(results, statuses)
    },
    [form, evaluate, findings, values],
  )
  /** Whether the form's derived cells hold their totals: then applyValues derives only what a change feeds. */
  const totalsHeld = useRef(false)
  useEffect(() => {
    narrative.onReady = publish
    return () => narrative.dispose()
  }, [narrative, publish])
  /** What is still missing before the report can be completed or submitted, as it is now. */
  const completeness = useCallback(
    () => checkCompleteness(format, form.getValues(), findings.results),
    [format, form, findings],
  )

  const [active, setActive] = useState(
    format.sections.some((s) => s.key === initialSection) ? (initialSection as string) : format.sections[0].key,
  )
  // A changing save turns a complete report back into a draft: the bar follows the saved state.
  const [status, setStatus] = useState(initialWorkflow.status)
  const workflow: WorkflowView = useMemo(
    () =>
      status === initialWorkflow.status
        ? initialWorkflow
        : {
            ...initialWorkflow,
            status,
            statusLabel: stateLabel(status),
            transitions: transitionChoices(status, roles),
          },
    [status, initialWorkflow, roles],
  )
  const [comments, setComments] = useState(initialComments)
  const [focused, setFocused] = useState<{ path: string; label: string } | null>(null)
  const [completion, setCompletion] = useState<Stamped<Completeness> | null>(null)
  /** What the refusal is about: 提交审核 or 标记为完成, as the officer pressed it. */
  const [completionAction, setCompletionAction] = useState('标记为完成')
  const [notice, setNoticeState] = useState<Stamped<string> | null>(null)
  /** A notice describes the report as it is now: the next change takes it away. */
  const setNotice = useCallback(
    (text: string | null) => setNoticeState(text === null ? null : { value: text, version: findings.version }),
    [findings],
  )
  const focusAfterRender = useRef<string | null>(null)

  const autosave = useAutosave({
    reportId,
    format,
    initialVersion: version,
    initialSavedAt: updatedAt,
    initialReport: report,
    read: () => form.getValues(),
    // Others' saves merged with this tab's unsaved edits: the form shows them. Refused input
    // stays refused (it is not in the values).
    replace: (next) => {
      form.reset(next, { keepDefaultValues: true, keepErrors: true })
      totalsHeld.current = false
      publish()
    },
    setLeaf: (path, value) => setLeafRef.current(path, value),
    onSaved: (answer) => {
      setStatus(answer.status as WorkflowView['status'])
      // The server removed invisible control or direction characters (lib/text/unsafe-chars.ts).
      if (answer.notices?.length) setNotice(answer.notices.join(' '))
    },
  })
  const setLeafRef = useRef<(path: string, value: unknown) => void>(() => {})
  // An idle sign-out saves the draft first (components/auth/idle-guard.tsx).
  useEffect(() => beforeIdleSignOut(() => autosave.flush()), [autosave.flush])
  // Only the officer edits, and only while the workflow lets them (not once submitted).
  const mayEdit = workflow.editable && roles.includes('officer')
  const readOnly = autosave.blocking?.kind === 'conflict' || !mayEdit
  // The officer is told why the report is locked; reviewers and coordinators only when frozen.
  const lockedNotice = !workflow.editable && (roles.includes('officer') || STATES[workflow.status].frozen)
  const commentAnchors = useMemo(() => new Set(comments.filter((c) => !c.resolvedAt).map((c) => c.anchor)), [comments])

  /** A change of the values: findings now, the save shortly. */
  const changed = useCallback(
    /** `paths`: the leaves below `sections` that were set, when the caller knows them all. */
    (paths?: readonly string[]) => {
      publish(paths)
      autosave.markChanged()
    },
    [publish, autosave.markChanged],
  )

  // Server refusals land in the form's errors at the paths they name (sections.…, explanations.…).
  useEffect(() => {
    const refused = autosave.blocking
    if (refused?.kind !== 'invalid') return
    for (const [path, message] of Object.entries(refused.fields)) {
      form.setError(path as `sections.${string}`, { type: 'server', message })
    }
  }, [autosave.blocking, form])

  /** Refused input at a cell or paragraph (path below `sections`): the stored value stays. */
  const setInputError = useCallback(
    (path: string, message: string) => {
      const name = `sections.${path}` as const
      if (form.getFieldState(name).error?.message !== message) form.setError(name, { type: 'input', message })
    },
    [form],
  )
  const clearInputErrors = useCallback(
    (paths: string[]) => {
      const names = paths.map((p) => `sections.${p}` as const).filter((name) => form.getFieldState(name).error)
      if (names.length) form.clearErrors(names)
    },
    [form],
  )

  /**
   * Applies values, recomputes the totals the format derives, and schedules a save. Only the
   * leaves whose value changed are set, so only their cells (and their totals') re-render.
   */
  const applyValues = useCallback(
    (values: Record<string, unknown>) => {
      // O(changed) once the form's totals are known to be held (after the first change, and again
      // after a merge replaced the values): lib/editor/apply-values.ts.
      const changes = valueChanges(format, form.getValues('sections'), values, !totalsHeld.current)
      totalsHeld.current = true
      for (const [path, value] of changes) form.setValue(`sections.${path}`, value)
      changed(changes.map(([path]) => path))
    },
    [form, format, changed],
  )

  const grids = useMemo(
    () =>
      Object.fromEntries(
        format.sections.flatMap((s) => (s.kind === 'table' ? [[s.key, tableGrid(s.table, derived)] as const] : [])),
      ),
    [format, derived],
  )

  const focusCell = useCallback((path: string) => {
    const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)
    if (!el) return false
    el.focus({ preventScroll: true })
    // Centred both ways, so that sticky row labels on a narrow screen never cover it.
    el.scrollIntoView({ block: 'center', inline: 'center' })
    // On the cell's box, which stays while its text gives way to the input (decision 0670).
    const box = el.closest<HTMLElement>('.cell-wrap') ?? el
    box.classList.add('flash')
    setTimeout(() => box.classList.remove('flash'), 1200)
    return true
  }, [])

  useEffect(() => {
    if (focusAfterRender.current && focusCell(focusAfterRender.current)) focusAfterRender.current = null
  })

  const selectSection = useCallback((key: string) => {
    setActive(key)
    const url = new URL(window.location.href)
    url.searchParams.set('section', key)
    window.history.replaceState(null, '', url)
  }, [])

  const goTo = useCallback(
    (path: string) => {
      // The opening paragraph is edited at the top of the first section.
      const section = path === format.preamble.key ? format.sections[0].key : path.split('.')[0]
      if (section !== active) {
        focusAfterRender.current = path
        selectSection(section)
      } else {
        focusCell(path)
      }
    },
    [active, selectSection, focusCell, format],
  )

  const handlers: CellHandlers = useMemo(
    () => ({
      onCommit: (path, value) => {
        clearInputErrors([path])
        applyValues({ [path]: value })
      },
      onInvalid: setInputError,
      onNavigate: (path, direction) => {
        const grid = grids[path.split('.')[0]]
        if (!grid) return
        const next = neighbour(valueCellPositions(grid), path, direction)
        if (next) focusCell(next)
      },
      onPasteBlock: (path, block) => {
        const grid = grids[path.split('.')[0]]
        if (!grid) return
        const plan = planPaste(
          format,
          grid,
          path,
          block,
          (p) => cellByPath(format, p)?.valueType ?? 'count',
          form.getValues('sections'),
          FORMAT_LIST.filter((f) => f !== format),
        )
        if (plan.refused) {
          setNotice(plan.refused)
          return
        }
        clearInputErrors(Object.keys(plan.values))
        for (const [p, message] of Object.entries(plan.errors)) setInputError(p, message)
        // Printed totals: a disagreeing one is kept (a finding until resolved), an agreeing one goes.
        const nextStated = { ...(form.getValues('stated') ?? {}) }
        for (const p of plan.statedCleared) delete nextStated[p]
        Object.assign(nextStated, plan.stated)
        form.setValue('stated', nextStated)
        applyValues(plan.values)
        const pasted = Object.keys(plan.values).length
        const bad = Object.keys(plan.errors).length
        const mismatched = Object.keys(plan.stated).length
        setNotice(
          [
            ...plan.notes,
            `已粘贴 ${pasted} 个单元格${bad ? `，${bad} 个无法识别（已在单元格标出，原值未改）` : ''}。`,
            mismatched ? `表中写明的合计有 ${mismatched} 处与各项之和不一致，见检查结果。` : '',
          ]
            .filter(Boolean)
            .join(' '),
        )
      },
    }),
    [applyValues, clearInputErrors, setInputError, setNotice, focusCell, format, grids, form],
  )

  /** 以各项之和为准: the printed totals go, the computed ones stand. */
  const onDropStated = useCallback(
    (paths: string[]) => {
      const next = { ...(form.getValues('stated') ?? {}) }
      for (const p of paths) delete next[p]
      form.setValue('stated', next)
      changed()
    },
    [form, changed],
  )

  const onText = useCallback(
    (path: string, text: string) => {
      clearInputErrors([path])
      form.setValue(`sections.${path}`, text)
      changed()
    },
    [form, clearInputErrors, changed],
  )

  const onExplain = useCallback(
    (ruleId: string, text: string) => {
      form.setValue(`explanations.${ruleId}`, text)
      changed()
    },
    [form, changed],
  )

  /** A prefilled value confirmed or changed: its mark goes (report.origins). */
  const onOrigins = useCallback(
    (origins: ReportData['origins']) => {
      form.setValue('origins', origins)
      changed()
    },
    [form, changed],
  )

  const onPreamble = useCallback(
    (text: string) => {
      form.setValue('preamble', text)
      changed()
    },
    [form, changed],
  )

  /** A narrative finding's fix (改为… / 插入关联数据), written into its paragraph. */
  const onFix = useCallback(
    (r: RuleResult, link: boolean) => {
      const at = r.focus
      if (!r.fix || !r.narrative || r.quote === undefined || !at) return
      const isPreamble = at === format.preamble.key
      const text = String(
        (isPreamble ? form.getValues('preamble') : getAt(form.getValues('sections'), at.split('.'))) ?? '',
      )
      const next = applyFix(
        text,
        { paragraph: r.narrative.paragraph, quote: r.quote },
        r.fix.from,
        link && r.fix.link ? r.fix.link : r.fix.to,
      )
      if (next === null) return
      if (isPreamble) onPreamble(next)
      else onText(at, next)
    },
    [form, format, onPreamble, onText],
  )

  setLeafRef.current = (path, value) => {
    if (path === format.preamble.key) onPreamble(String(value ?? ''))
    else if (path.startsWith('explanations.')) onExplain(path.slice('explanations.'.length), String(value ?? ''))
    else if (cellByPath(format, path.replace(/^sections\./, '')))
      applyValues({ [path.replace(/^sections\./, '')]: value })
    else onText(path.replace(/^sections\./, ''), String(value ?? ''))
  }

  const conflictsByPath = useMemo(() => new Map(autosave.conflicts.map((c) => [c.path, c])), [autosave.conflicts])
  const conflictAt = useCallback(
    (path: string) => {
      const conflict = conflictsByPath.get(`sections.${path}`)
      return conflict ? <ConflictNote format={format} conflict={conflict} onResolve={autosave.resolve} /> : null
    },
    [conflictsByPath, format, autosave.resolve],
  )
  /** Conflicts of the section shown that no table cell shows: paragraphs, facts, explanations. */
  const looseConflicts = autosave.conflicts.filter((c) => {
    const inSection =
      c.path.startsWith(`sections.${active}.`) ||
      c.path.startsWith(`sections.${active}#`) ||
      c.path === `sections.${active}`
    const inTable = format.sections.find((s) => s.key === active)?.kind === 'table'
    return c.path.startsWith('explanations.') || (inSection && !inTable)
  })
  const elsewhere = autosave.conflicts.filter(
    (c) => c.path.startsWith('sections.') && !c.path.startsWith(`sections.${active}`),
  )

  const onChoose = useCallback(
    (r: RuleResult) => {
      const path = r.focus ?? r.cells[0]
      if (path) {
        goTo(path)
        // A narrative finding: its sentence is selected in the text.
        if (r.narrative && r.focus) selectSentenceSoon(r.focus, r.narrative.paragraph, r.quote)
      } else {
        const section = sectionOfFinding(r)
        if (section) selectSection(section)
      }
    },
    [goTo, selectSection],
  )

  /** 全部填0 over entered values asks first, in the page (components/confirm-dialog.tsx). */
  const [zeroAsk, setZeroAsk] = useState<{ section: string; filled: number } | null>(null)
  const fillZeros = (sectionKey: string, confirmed = false) => {
    const section = format.sections.find((s) => s.key === sectionKey)
    if (!section) return
    const sections = form.getValues('sections')
    const cells = sectionCells(section).filter((c) => !derived.has(c.path))
    const filled = cells.filter((c) => {
      const v = getAt(sections, c.segments)
      return v !== null && v !== undefined && v !== 0
    })
    if (filled.length > 0 && !confirmed) {
      setZeroAsk({ section: sectionKey, filled: filled.length })
      return
    }
    clearInputErrors(cells.map((c) => c.path))
    applyValues(Object.fromEntries(cells.map((c) => [c.path, VALUE_TYPES[c.valueType].zero])))
    setNotice(`已将“${section.heading}”全部填为0。`)
  }

  /** 空白处填0: only the blank input cells of a table get 0; what was entered stays. */
  const fillBlanks = (sectionKey: string) => {
    const section = format.sections.find((s) => s.key === sectionKey)
    if (!section) return
    const sections = form.getValues('sections')
    const blank = sectionCells(section).filter((c) => {
      if (derived.has(c.path)) return false
      const v = getAt(sections, c.segments)
      return v === null || v === undefined || v === ''
    })
    if (blank.length === 0) {
      setNotice(`“${section.heading}”没有空白的单元格。`)
      return
    }
    clearInputErrors(blank.map((c) => c.path))
    applyValues(Object.fromEntries(blank.map((c) => [c.path, VALUE_TYPES[c.valueType].zero])))
    setNotice(`已将“${section.heading}”的${blank.length}个空白单元格填为0，已填的数值未改动。`)
  }

  const closeCompletion = useCallback(() => setCompletion(null), [])

  /** Before a transition: save what is pending; a submission must be complete. */
  const prepareTransition = async (
    t: Pick<WorkflowView['transitions'][number], 'requires'> & { label?: string },
  ): Promise<number | null> => {
    setNotice(null)
    if (t.requires === 'completeness') {
      if (t.label) setCompletionAction(t.label)
      const check = completeness()
      setCompletion({ value: check, version: findings.version })
      if (!check.complete) return null
    }
    if (mayEdit) await autosave.flush()
    setCompletion(null)
    return autosave.version()
  }

  const onRefused = (answer: { message?: string; completeness?: unknown }) => {
    if (answer.completeness) setCompletion({ value: answer.completeness as Completeness, version: findings.version })
    else setNotice(answer.message ?? '操作未成功，请稍后重试。')
  }

  /** Remember the cell or narrative in focus, so a reviewer's comment can point at it. */
  const onFocusCapture = (e: React.FocusEvent) => {
    const path = (e.target as HTMLElement).dataset?.path
    if (!path) return
    const cellInfo = cellByPath(format, path)
    const label = cellInfo
      ? cellInfo.label
      : (format.sections.find((s) => s.key === path.split('.')[0])?.heading ?? path)
    if (focused?.path === path) return
    setFocused({ path, label: cellInfo ? label : `${label}（正文）` })
  }

  const section = format.sections.find((s) => s.key === active) ?? format.sections[0]
  const index = format.sections.indexOf(section)

  const renderSection = () => {
    switch (section.kind) {
      case 'table':
        return (
          <>
            <PreviousReportNote
              year={report.year}
              previous={previous}
              agencyId={agencyId ?? null}
              mayImport={mayEdit}
            />
            <div className="table-tools">
              <button type="button" disabled={readOnly} onClick={() => fillZeros(section.key)}>
                本年度无此类情况，全部填0
              </button>
              <button type="button" disabled={readOnly} onClick={() => fillBlanks(section.key)}>
                空白处填0
              </button>
              {previous ? <BesideToggle on={beside} onChange={setBeside} year={previous.year} /> : null}
              <ConfirmDialog
                open={zeroAsk !== null}
                title="确认全部填0"
                text={`本表已有 ${zeroAsk?.filled ?? 0} 个非零数值，全部填0后这些数值都将改为0。`}
                confirmLabel="确定全部填0"
                tone="danger"
                onConfirm={() => {
                  if (zeroAsk) fillZeros(zeroAsk.section, true)
                  setZeroAsk(null)
                }}
                onCancel={() => setZeroAsk(null)}
              />
              <span className="hint">
                方向键、回车在单元格间移动；可从 Excel / WPS 复制多行多列后在起始单元格粘贴。灰色单元格为自动合计。
              </span>
            </div>
            <CellStatusLine
              format={format}
              path={focused && focused.path.split('.')[0] === section.key ? focused.path : null}
            />
            <BesideContext.Provider value={besideSections}>
              <TableGridView
                format={format}
                grid={grids[section.key]}
                tableKey={section.key}
                readOnly={readOnly}
                handlers={handlers}
                commentAnchors={commentAnchors}
                conflictAt={conflictAt}
                label={section.heading}
              />
            </BesideContext.Provider>
          </>
        )
      case 'narrative':
      case 'narrativeWithFacts':
        return (
          <NarrativeSection
            format={format}
            section={section}
            readOnly={readOnly}
            handlers={handlers}
            onText={onText}
            onFeeStatement={
              section.kind === 'narrativeWithFacts'
                ? () => {
                    const sections = form.getValues('sections')
                    const facts = getAt(sections, [section.key, section.factsKey]) as Record<string, unknown>
                    const sentence = feeStatement(report.year, {
                      noticesIssued: facts?.noticesIssued,
                      amountBilledYuan: facts?.amountBilledYuan,
                      amountCollectedYuan: facts?.amountCollectedYuan,
                    })
                    if (!sentence) return null
                    const textPath = `${section.key}.${section.textKey}`
                    onText(textPath, withFeeStatement(String(getAt(sections, textPath.split('.')) ?? ''), sentence))
                    return sentence
                  }
                : undefined
            }
          />
        )
      default: {
        const never: never = section
        return never
      }
    }
  }

  return (
    <EditorContext.Provider value={context}>
      <div className="editor">
        <header className="editor-bar">
          <a href="/" className="back">
            ← 全部年报
          </a>
          <div className="editor-title">
            <h1>
              {report.agency.name}
              {report.year}年{format.title}
            </h1>
            <span className="format-tag">{format.basis}</span>
          </div>
          <SaveStatus
            format={format}
            stateStore={autosave.stateStore}
            conflicts={autosave.conflicts.length}
            mayEdit={mayEdit}
            onGo={goTo}
          />
          <nav className="editor-links" aria-label="年报">
            <a href={`/reports/${reportId}/history`}>操作记录</a>
            <a href={`/reports/${reportId}/versions`}>版本</a>
          </nav>
          <div className="editor-actions">
            <LiveExportMenu
              reportId={reportId}
              beforeExport={autosave.flush}
              draft={!workflow.frozen}
              frozenNumber={workflow.frozen && workflow.editable ? workflow.frozen.number : null}
              approvedAt={workflow.frozen?.approvedAt ?? null}
              pdfUnavailable={pdfUnavailable}
            />
            <WorkflowBar reportId={reportId} workflow={workflow} prepare={prepareTransition} onRefused={onRefused} />
          </div>
        </header>
        {workflow.status === 'returned' && workflow.returnReason ? (
          <div className="banner banner-warn" role="status" data-testid="return-reason">
            <strong>年报已被退回{workflow.returnReason.by ? `（${workflow.returnReason.by}）` : ''}：</strong>
            <p className="reason">{workflow.returnReason.reason}</p>
            <p className="hint">请按退回理由和右侧的审核意见修改，回复意见后重新提交审核。</p>
          </div>
        ) : null}
        {lockedNotice ? (
          <div className="banner banner-info" role="status" data-testid="read-only">
            {editRefusal(workflow.status)}
            {workflow.frozen ? <> 导出的文件取自第{workflow.frozen.number}版的冻结内容。</> : null}
          </div>
        ) : null}
        {autosave.blocking?.kind === 'conflict' ? (
          <div className="banner banner-error" role="alert">
            <strong>{autosave.blocking.message}</strong>
            <p>
              为避免覆盖他人的修改，本页已停止自动保存并改为只读。请先复制本页需要保留的内容，再重新加载页面，在最新版本上继续填写。
            </p>
            <button type="button" onClick={() => window.location.reload()}>
              重新加载最新版本
            </button>
          </div>
        ) : null}
        {completion && !completion.value.complete ? (
          <CompletionRefusal
            format={format}
            shown={completion}
            action={completionAction}
            check={completeness}
            onClose={closeCompletion}
            onGo={goTo}
          />
        ) : null}
        {elsewhere.length > 0 ? (
          <div className="banner banner-warn" role="alert" data-testid="conflicts-elsewhere">
            他人同时修改了 {elsewhere.length} 处，请逐处选择保留哪个值：
            {elsewhere.map((c) => (
              <button
                key={c.path}
                type="button"
                className="link"
                onClick={() => goTo(c.path.replace(/^sections\./, '').replace(/#\d+$/, ''))}
              >
                {leafLabel(format, c.path)}
              </button>
            ))}
          </div>
        ) : null}
        <NoticeLine notice={notice} onClose={() => setNotice(null)} />
        <div className="editor-body">
          <LiveStepper format={format} active={section.key} onSelect={selectSection} />
          <main className="section" data-section={section.key} onFocusCapture={onFocusCapture}>
            {index === 0 ? (
              <PrefilledText
                format={format}
                section={section}
                part="preamble"
                reportId={reportId}
                previousYear={previous?.year ?? null}
                mayStart={false}
                readOnly={readOnly}
                beforeStart={autosave.flush}
                onOrigins={onOrigins}
              />
            ) : null}
            {index === 0 ? (
              <LivePreamble
                format={format}
                year={report.year}
                agencyId={agencyId ?? null}
                agencyName={report.agency.name}
                readOnly={readOnly}
                mayEditContact={mayEdit}
                onChange={onPreamble}
              />
            ) : null}
            <h2>{section.heading}</h2>
            <p className="guidance">{section.guidance}</p>
            <PrefilledText
              format={format}
              section={section}
              part="section"
              reportId={reportId}
              previousYear={previous?.year ?? null}
              mayStart={mayEdit && previous !== null}
              readOnly={readOnly}
              beforeStart={autosave.flush}
              onOrigins={onOrigins}
            />
            {looseConflicts.map((c) => (
              <ConflictNote key={c.path} format={format} conflict={c} onResolve={autosave.resolve} withLabel />
            ))}
            {renderSection()}
            <div className="section-nav">
              {index > 0 ? (
                <button type="button" onClick={() => selectSection(format.sections[index - 1].key)}>
                  ← 上一部分
                </button>
              ) : (
                <span />
              )}
              {index < format.sections.length - 1 ? (
                <button type="button" onClick={() => selectSection(format.sections[index + 1].key)}>
                  下一部分 →
                </button>
              ) : (
                <SubmitHint mayEdit={mayEdit} />
              )}
            </div>
          </main>
          <div className="side-column">
            <CommentsPanel
              reportId={reportId}
              comments={comments}
              onChange={setComments}
              sectionKey={section.key}
              sectionHeading={section.heading}
              focused={focused && focused.path.split('.')[0] === section.key ? focused : null}
              canComment={reviews(roles) && !STATES[workflow.status].frozen}
              canReply={(roles.includes('officer') || reviews(roles)) && !STATES[workflow.status].frozen}
              canResolve={reviews(roles) && !STATES[workflow.status].frozen}
              onChoose={goTo}
            />
            <LiveFindings
              format={format}
              explainable={explainable}
              readOnly={readOnly}
              onChoose={onChoose}
              onExplain={onExplain}
              onDropStated={onDropStated}
              onFix={onFix}
            />
          </div>
        </div>
      </div>
    </EditorContext.Provider>
  )
}
