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

export const REPORT_STATES = [
  'draft',
  'complete',
  'submitted',
  'returned',
  'approved',
  'published',
  'withdrawn',
] as const
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
  // Taken down (撤回发布, decision 0310): the entry stays in the public column, marked withdrawn;
  // putting it back online is a correction (更正 → 审核 → 发布 with a 更正说明).
  withdrawn: { label: '已撤回发布', waitsFor: null, editable: false, frozen: true },
}

export type TransitionId =
  | 'complete'
  | 'reopen'
  | 'submit'
  | 'withdraw'
  | 'return'
  | 'approve'
  | 'publish'
  | 'unpublish'
  | 'correct'

/**
 * A condition on the report beyond its state, checked by the server (lib/services/transitions.ts)
 * and shown by the workflow bar: 'no-open-comments' (审核通过 only when every comment thread is
 * resolved), 'untouched-since-submit' (撤回 only while no reviewer has commented, returned or
 * approved since the submission).
 */
export type TransitionGuard = 'no-open-comments' | 'untouched-since-submit'

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
  /** A condition on the report beyond its state. */
  guard?: TransitionGuard
  /** What will happen, shown in the confirmation dialog; a transition without one needs none. */
  confirm?: string
  /** The content is kept as submitted (a reviewer compares a resubmission with it). */
  snapshots?: boolean
  /**
   * Publication records kept on the frozen version (decision 0310): 'publish' needs the 保密审查
   * record (and a 更正说明 after an earlier publication), 'unpublish' records the 撤回 on it.
   */
  records?: 'publish' | 'unpublish'
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
    snapshots: true,
    confirm: '提交后年报交审核人审核，审核人退回之前不能再修改。审核人处理之前，可以撤回提交。',
  },
  {
    id: 'withdraw',
    from: ['submitted'],
    to: 'draft',
    label: '撤回提交',
    done: '撤回提交',
    roles: ['officer'],
    guard: 'untouched-since-submit',
    confirm: '撤回后年报回到草稿，可以继续修改，修改后需重新提交审核。',
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
    confirm: '年报将退回填报人修改，填报人将看到退回理由。',
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
    guard: 'no-open-comments',
    confirm: '审核通过后，年报当前内容冻结为一个版本，不能再修改（更正须开启新版本），之后由政务公开办发布。',
  },
  {
    id: 'publish',
    from: ['approved'],
    to: 'published',
    label: '发布',
    done: '发布',
    roles: ['coordinator'],
    records: 'publish',
    confirm:
      '发布后，审核通过的版本作为正式年报公开，下载的文件不再带“草稿”字样。发布前须记录保密审查（条例第十七条）。',
  },
  {
    id: 'unpublish',
    from: ['published'],
    to: 'withdrawn',
    label: '撤回发布',
    done: '撤回发布',
    roles: ['coordinator'],
    needsReason: true,
    records: 'unpublish',
    confirm:
      '撤回后，公开栏目中的这份年报标为“已撤回”，显示撤回理由和日期，文件不再提供下载；本机关填报人将收到通知。如需重新发布，请开启更正，重新审核后发布并填写更正说明。',
  },
  {
    id: 'correct',
    from: ['approved', 'published', 'withdrawn'],
    to: 'draft',
    label: '更正（开启新版本）',
    done: '开启更正',
    roles: ['officer', 'coordinator'],
    needsReason: true,
    opensVersion: true,
    confirm: '将开启新的版本供修改，已审核的版本保持不变，新版本须重新提交审核。',
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
export type TransitionChoice = Pick<
  TransitionDef,
  'id' | 'label' | 'needsReason' | 'requires' | 'to' | 'confirm' | 'guard' | 'records'
>

/** The transitions a user may take from a state, as the workflow bar shows them. */
export function transitionChoices(state: string, roles: readonly string[]): TransitionChoice[] {
  return availableTransitions(state, roles).map(
    ({ id, label, needsReason, requires, to, confirm, guard, records }) => ({
      id,
      label,
      needsReason,
      requires,
      to,
      confirm,
      guard,
      records,
    }),
  )
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

/** An open comment thread as the refusal of 审核通过 lists it. */
export interface OpenComment {
  anchorLabel: string
  body: string
}

/** Why 审核通过 is refused while comment threads are open, in Chinese, or null when none is. */
export function openCommentsRefusal(open: readonly OpenComment[]): string | null {
  if (open.length === 0) return null
  const list = open.map(
    (c, i) => `${i + 1}. ${c.anchorLabel}：${c.body.length > 40 ? `${c.body.slice(0, 40)}…` : c.body}`,
  )
  return `还有${open.length}条审核意见未解决，不能审核通过。请先解决或与填报人沟通后解决：\n${list.join('\n')}`
}

/**
 * Why 撤回提交 is refused, in Chinese, or null when it may be taken: a reviewer has acted on the
 * submission (commented on it since it was submitted; returning or approving it changes the
 * state, which transitionRefusal already answers).
 */
export function withdrawRefusal(commentsSinceSubmit: number): string | null {
  return commentsSinceSubmit > 0 ? '审核人已就本次提交写了审核意见，不能撤回。请在意见中回复，或请审核人退回。' : null
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
    case 'withdrawn':
      return `年报${stateLabel(state)}，内容已冻结。如需更正，请开启新版本。`
    default:
      return `年报当前为“${stateLabel(state)}”，不能修改。`
  }
}
