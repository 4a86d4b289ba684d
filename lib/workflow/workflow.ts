/**
 * The review workflow as data: the states a report passes through and the transitions between
 * them, with who may take each. The services, the API, the editor's workflow bar and the lists
 * all read this table; nothing else decides what may happen to a report.
 *
 * 'complete' is kept from issue 2 as the officer's own check (标记为完成) on the way to
 * submission: it is optional, because submitting runs the same completeness check on the
 * server, and a changing save drops a complete report back to draft as before.
 *
 * Roles are the permission layer's (lib/auth/permissions.ts); `rolesOn` gives a user's roles on
 * a report's agency, and a transition may be taken by a user holding one of its roles.
 */
import { ROLE_NAMES, type Role } from '@/lib/auth/permissions'

export const REPORT_STATES = ['draft', 'complete', 'submitted', 'returned', 'approved', 'published'] as const
export type ReportState = (typeof REPORT_STATES)[number]

export type { Role }

export interface StateDef {
  label: string
  /** Who is expected to act next (for lists and the workflow bar). */
  waitsFor: Role | null
  /** The officer may change the content (saves are refused otherwise). */
  editable: boolean
  /** The report is finished: its exports come from the frozen snapshot. */
  frozen: boolean
}

export const STATES: Record<ReportState, StateDef> = {
  draft: { label: '草稿', waitsFor: 'officer', editable: true, frozen: false },
  complete: { label: '已完成', waitsFor: 'officer', editable: true, frozen: false },
  submitted: { label: '已提交', waitsFor: 'reviewer', editable: false, frozen: false },
  returned: { label: '已退回', waitsFor: 'officer', editable: true, frozen: false },
  approved: { label: '已审核', waitsFor: 'coordinator', editable: false, frozen: true },
  published: { label: '已发布', waitsFor: null, editable: false, frozen: true },
}

export type TransitionId = 'complete' | 'reopen' | 'submit' | 'return' | 'approve' | 'publish' | 'correct'

export interface TransitionDef {
  id: TransitionId
  from: ReportState[]
  to: ReportState
  /** Button text. */
  label: string
  /** Past tense for the history (张三 提交了年报). */
  done: string
  roles: Role[]
  /** The stored content must pass the editor's completeness check. */
  requires?: 'completeness'
  /** A reason is required (退回), and shown to the officer. */
  needsReason?: boolean
  /** Approval freezes the content as a new version. */
  freezes?: boolean
  /** Opens a new working version after approval (更正). */
  opensVersion?: boolean
  /** Four eyes: whoever submitted the report cannot take it (审核通过, 退回). */
  notBySubmitter?: boolean
}

export const TRANSITIONS: TransitionDef[] = [
  {
    id: 'complete',
    from: ['draft', 'returned'],
    to: 'complete',
    label: '标记为完成',
    done: '标记为完成',
    roles: ['officer'],
    requires: 'completeness',
  },
  { id: 'reopen', from: ['complete'], to: 'draft', label: '继续修改', done: '改回草稿', roles: ['officer'] },
  {
    id: 'submit',
    from: ['draft', 'complete', 'returned'],
    to: 'submitted',
    label: '提交审核',
    done: '提交审核',
    roles: ['officer'],
    requires: 'completeness',
  },
  {
    id: 'return',
    from: ['submitted'],
    to: 'returned',
    label: '退回修改',
    done: '退回修改',
    roles: ['reviewer'],
    needsReason: true,
    notBySubmitter: true,
  },
  {
    id: 'approve',
    from: ['submitted'],
    to: 'approved',
    label: '审核通过',
    done: '审核通过',
    roles: ['reviewer'],
    freezes: true,
    notBySubmitter: true,
  },
  { id: 'publish', from: ['approved'], to: 'published', label: '发布', done: '发布', roles: ['coordinator'] },
  {
    id: 'correct',
    from: ['approved', 'published'],
    to: 'draft',
    label: '更正（开启新版本）',
    done: '开启更正',
    roles: ['officer', 'coordinator'],
    needsReason: true,
    opensVersion: true,
  },
]

export function isReportState(value: unknown): value is ReportState {
  return typeof value === 'string' && (REPORT_STATES as readonly string[]).includes(value)
}

export function stateLabel(state: string): string {
  return isReportState(state) ? STATES[state].label : state
}

export function transitionById(id: string): TransitionDef | undefined {
  return TRANSITIONS.find((t) => t.id === id)
}

/** Whether a user holding these roles (for the report's agency) may take the transition at all. */
export function holdsRoleFor(transition: TransitionDef, roles: readonly string[]): boolean {
  return transition.roles.some((r) => roles.includes(r))
}

/** The transitions a user holding these roles (for the report's agency) may take from a state. */
export function availableTransitions(state: string, roles: readonly string[]): TransitionDef[] {
  if (!isReportState(state)) return []
  return TRANSITIONS.filter((t) => t.from.includes(state) && holdsRoleFor(t, roles))
}

/** What the workflow bar shows of a transition. */
export type TransitionChoice = Pick<TransitionDef, 'id' | 'label' | 'needsReason' | 'requires' | 'to'>

/** The transitions a user may take from a state, as the workflow bar shows them. */
export function transitionChoices(state: string, roles: readonly string[]): TransitionChoice[] {
  return availableTransitions(state, roles).map(({ id, label, needsReason, requires, to }) => ({
    id,
    label,
    needsReason,
    requires,
    to,
  }))
}

/**
 * Why a transition may not be taken, in Chinese, or null when it may. Who may take it is asked
 * first: a user without the role learns nothing about the report's state.
 */
export function transitionRefusal(state: string, transition: TransitionDef, roles: readonly string[]): string | null {
  if (!holdsRoleFor(transition, roles)) {
    const who = transition.roles.map((r) => ROLE_NAMES[r]).join('或')
    return `只有${who}可以${transition.label}。`
  }
  if (!isReportState(state) || !transition.from.includes(state)) {
    return `年报当前为“${stateLabel(state)}”，不能${transition.label}。`
  }
  return null
}

/** Whether the officer may change the content in this state. */
export function isEditable(state: string): boolean {
  return isReportState(state) ? STATES[state].editable : false
}

/** Why a save is refused in this state, in Chinese. */
export function editRefusal(state: string): string {
  switch (state) {
    case 'submitted':
      return '年报已提交审核，审核人退回之前不能修改。'
    case 'approved':
    case 'published':
      return `年报${stateLabel(state)}，内容已冻结。如需更正，请开启新版本。`
    default:
      return `年报当前为“${stateLabel(state)}”，不能修改。`
  }
}
