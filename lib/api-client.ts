/**
 * The UI's one way to call the HTTP API: a typed function per endpoint, whose answer is either
 * the data or an ApiError of one shape, {status, code, message, fields, details}, whatever went
 * wrong (a refusal of ours, better-auth's own answer, a proxy's HTML page, no network). `fields`
 * is keyed by the full field path, ready for react-hook-form's setError (setFieldErrors).
 * Request types come from the schemas the routes parse with (lib/requests).
 */
import '@/lib/requests/issues'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { noteServerContact } from '@/lib/idle-clock'
import type { AgencyUpdateInput, UserAccessInput, UserActiveInput } from '@/lib/requests/account-maintenance'
import { type AgencyInput, type CreateUserInput, MIN_PASSWORD } from '@/lib/requests/accounts'
import type { AgencyContactInput } from '@/lib/requests/agency-contact'
import type { PredecessorInput } from '@/lib/requests/agency-predecessor'

import type { BulkDownloadBody, ReminderBody, RollupBody, SelectionBody, SettingsBody } from '@/lib/requests/board'
import type { CreateReportInput } from '@/lib/requests/create-report'
import type { CreateImportInput, ImportChoiceInput, ImportFileInput } from '@/lib/requests/imports'
import type { PortalCopyInput } from '@/lib/requests/publication'
import type {
  CommentInput,
  DeleteReportInput,
  ImportInput,
  PatchReportInput,
  SaveReportInput,
  TransitionInput,
} from '@/lib/requests/reports'
import type { AgencyNode, UserSummary } from '@/lib/services/accounts'
import type { AgencyContactView } from '@/lib/services/agency-contact'
import type { BulkDownloadView } from '@/lib/services/bulk-download'
import type { PredecessorLink } from '@/lib/services/agency-predecessor'
import type { CommentView } from '@/lib/services/comments'
import type { ImportBatchView } from '@/lib/services/document-import'
import type { PortalCopyCheck } from '@/lib/services/portal-copy'

import type { GovernmentSettings } from '@/lib/services/government-settings'
import type { AgencyChoice, AgencySelectionView } from '@/lib/services/agency-selections'
import type { ReminderResult } from '@/lib/services/notices'
import type { RollupView } from '@/lib/services/rollup'
import type { DeletedReport } from '@/lib/services/report-delete'
import type { PatchResult } from '@/lib/services/report-patch'
import type { StoredReport } from '@/lib/services/report-read'
import type { SaveResult } from '@/lib/services/report-save'
import type { StartTextResult } from '@/lib/services/report-start-text'
import type { TransitionResult } from '@/lib/services/transitions'

export interface ApiError {
  /** The HTTP status; 0 when no answer came (no network). */
  status: number
  /** The answer's `error` code (conflict, invalid, …), `network`, or `http_<status>`. */
  code: string
  /** In Chinese, for the user. */
  message: string
  /** Messages keyed by the full field path. */
  fields: Record<string, string>
  /** The answer's other members (currentVersion, completeness, …). */
  details: Record<string, unknown>
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

const NETWORK: ApiError = {
  status: 0,
  code: 'network',
  message: '网络连接失败，请稍后重试。',
  fields: {},
  details: {},
}

/** For an answer without a message of ours (a proxy's page, a crash). */
function fallbackMessage(status: number): string {
  switch (status) {
    case 401:
      return '请先登录。登录已过期时，请重新登录后再试。'
    case 403:
      return '您没有权限进行此操作。'
    case 404:
      return '要操作的内容不存在或已被删除。'
    case 413:
      return '提交的内容过大，未能保存。'
    case 429:
      return '操作过于频繁，请稍后再试。'
    case 502:
    case 503:
    case 504:
      return '服务器暂时无法处理请求（未保存任何内容），请稍候几秒再试。'
    case 507:
      return '服务器存储空间已满，未能保存。请联系系统管理员。'
    default:
      return `服务器返回错误（${status}）`
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Any error answer as an ApiError. */
export function toApiError(status: number, answer: unknown): ApiError {
  const { error, message, fields, ...details } = isRecord(answer) ? answer : {}
  return {
    status,
    code: typeof error === 'string' ? error : `http_${status}`,
    message: typeof message === 'string' && message !== '' ? message : fallbackMessage(status),
    fields: isRecord(fields)
      ? Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {},
    details,
  }
}

interface Send {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  json?: unknown
  keepalive?: boolean
}

async function send<T>(url: string, { method = 'GET', json, keepalive }: Send = {}): Promise<ApiResult<T>> {
  const body = json !== undefined ? JSON.stringify(json) : undefined
  let res: Response
  try {
    res = await fetch(url, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body } : {}),
      // A save that starts as the tab closes still arrives; browsers cap keepalive bodies at 64 KB.
      ...(keepalive && body !== undefined && body.length < 60_000 ? { keepalive: true } : {}),
    })
  } catch {
    return { ok: false, error: NETWORK }
  }
  if (res.status !== 401) noteServerContact()
  const answer: unknown = res.status === 204 ? undefined : await res.json().catch(() => ({}))
  if (res.ok) return { ok: true, data: answer as T }
  return { ok: false, error: toApiError(res.status, answer) }
}

const report = (id: string) => `/api/reports/${encodeURIComponent(id)}`

// ————— reports —————

export const createReport = (input: CreateReportInput) =>
  send<StoredReport>('/api/reports', { method: 'POST', json: input })

/** The file's text as it is, in a JSON body: the server reads and checks it. */
export const importReport = (agencyId: string, fileText: string) =>
  send<{ id: string; notices: string[] }>(`/api/reports/import?agencyId=${encodeURIComponent(agencyId)}`, {
    method: 'POST',
    json: { file: fileText } satisfies ImportInput,
  })

/** 导入上年度年报: last year's report JSON, kept read-only as the agency's history. */
export const importHistoryReport = (agencyId: string, fileText: string) =>
  send<{ id: string; notices: string[] }>(`/api/reports/import?agencyId=${encodeURIComponent(agencyId)}&as=history`, {
    method: 'POST',
    json: { file: fileText } satisfies ImportInput,
  })

/** 沿用上年度正文: last year's narratives copied in, each marked until confirmed. */
export const startFromPreviousText = (id: string) =>
  send<StartTextResult>(`${report(id)}/start-text`, { method: 'POST' })

/** Compares the portal's copy (saved page, PDF or Word) with the approved version (decision 0310). */
export const checkPortalCopy = (id: string, input: PortalCopyInput) =>
  send<PortalCopyCheck>(`${report(id)}/portal-copy`, { method: 'POST', json: input })

// ————— imports of published reports (decision 0260) —————

export const createImportBatch = (input: CreateImportInput) =>
  send<{ id: string }>('/api/imports', { method: 'POST', json: input })

/** One file of the batch, its bytes as base64 (bodies are JSON: decision 0080). */
export const uploadImportFile = (batchId: string, input: ImportFileInput) =>
  send<{ added: number }>(`/api/imports/${encodeURIComponent(batchId)}/files`, { method: 'POST', json: input })

/** Reads the batch's next waiting file; answers the batch as it now stands. */
export const readNextImport = (batchId: string) =>
  send<ImportBatchView>(`/api/imports/${encodeURIComponent(batchId)}/read`, { method: 'POST' })

export const decideImportItem = (
  batchId: string,
  itemId: string,
  choice: ImportChoiceInput['choice'],
  reportId?: string,
  year?: number,
) =>
  send<{ reportId: string | null; notices: string[] }>(
    `/api/imports/${encodeURIComponent(batchId)}/items/${encodeURIComponent(itemId)}`,
    {
      method: 'POST',
      json: { choice, ...(reportId ? { reportId } : {}), ...(year ? { year } : {}) } satisfies ImportChoiceInput,
    },
  )

/** Autosave: `keepalive` so a save started as the tab closes still arrives. */
export const saveReport = (id: string, input: SaveReportInput) =>
  send<SaveResult>(report(id), { method: 'PUT', json: input, keepalive: true })

/** Autosave: the changed leaves with their bases; others' changes merge, the same leaf conflicts. */
export const patchReport = (id: string, input: PatchReportInput) =>
  send<PatchResult>(report(id), { method: 'PATCH', json: input, keepalive: true })

/** The stored report now (to rebase unsaved edits on what others saved). */
export const readReport = (id: string) => send<StoredReport>(report(id))

/** Deletes a draft never submitted (the audit trail keeps it). */
export const deleteReport = (id: string, input: DeleteReportInput) =>
  send<DeletedReport>(report(id), { method: 'DELETE', json: input })

export const takeTransition = (id: string, input: TransitionInput) =>
  send<TransitionResult>(`${report(id)}/transitions`, { method: 'POST', json: input })

// ————— review comments —————

export const listComments = (id: string) => send<{ comments: CommentView[] }>(`${report(id)}/comments`)

export const addComment = (id: string, input: CommentInput) =>
  send<CommentView>(`${report(id)}/comments`, { method: 'POST', json: input })

export const resolveComment = (id: string, commentId: string) =>
  send<void>(`${report(id)}/comments/${encodeURIComponent(commentId)}/resolve`, { method: 'POST' })

// ————— the coordinator's board (decision 0270) —————

const board = (governmentId: string) => `/api/board/${encodeURIComponent(governmentId)}`

export const sendReminders = (governmentId: string, input: ReminderBody) =>
  send<ReminderResult>(`${board(governmentId)}/reminders`, { method: 'POST', json: input })

export const saveGovernmentSettings = (governmentId: string, input: SettingsBody) =>
  send<GovernmentSettings>(`${board(governmentId)}/settings`, { method: 'PUT', json: input })

export const runRollup = (governmentId: string, input: RollupBody) =>
  send<RollupView>(`${board(governmentId)}/rollup`, { method: 'POST', json: input })

/** The saved selections of agencies for the roll-up, and every agency to choose from (decision 0411). */
export const listSelections = (governmentId: string) =>
  send<{ selections: AgencySelectionView[]; agencies: AgencyChoice[] }>(`${board(governmentId)}/selections`)

export const createSelection = (governmentId: string, input: SelectionBody) =>
  send<AgencySelectionView>(`${board(governmentId)}/selections`, { method: 'POST', json: input })

export const updateSelection = (governmentId: string, selectionId: string, input: SelectionBody) =>
  send<AgencySelectionView>(`${board(governmentId)}/selections/${encodeURIComponent(selectionId)}`, {
    method: 'PUT',
    json: input,
  })

export const deleteSelection = (governmentId: string, selectionId: string) =>
  send<void>(`${board(governmentId)}/selections/${encodeURIComponent(selectionId)}`, { method: 'DELETE' })

export const startBulkDownload = (governmentId: string, input: BulkDownloadBody) =>
  send<BulkDownloadView>(`${board(governmentId)}/downloads`, { method: 'POST', json: input })

/** Builds the next entries of a bulk download and answers with its progress (the board polls it). */
export const stepBulkDownload = (downloadId: string) =>
  send<BulkDownloadView>(`/api/downloads/${encodeURIComponent(downloadId)}/step`, { method: 'POST' })

export const markNoticesRead = (ids: string[]) =>
  send<{ count: number }>('/api/notices/read', { method: 'POST', json: { ids } })

// ————— administration —————

export const getAgencyContact = (agencyId: string) =>
  send<AgencyContactView>(`/api/agencies/${encodeURIComponent(agencyId)}/contact`)

export const saveAgencyContact = (agencyId: string, input: AgencyContactInput) =>
  send<AgencyContactView>(`/api/agencies/${encodeURIComponent(agencyId)}/contact`, { method: 'PUT', json: input })

export const createAgency = (input: AgencyInput) =>
  send<AgencyNode>('/api/admin/agencies', { method: 'POST', json: input })

export const createUser = (input: CreateUserInput) =>
  send<UserSummary>('/api/admin/users', { method: 'POST', json: input })

/** Keeps the session alive (the idle guard's 继续工作). */
export const keepAlive = () => send<{ idleMs: number }>('/api/session')

/** 机构改革: the agency this one replaced, or null to unlink. */
export const setAgencyPredecessor = (agencyId: string, predecessorId: string | null) =>
  send<PredecessorLink>(`/api/admin/agencies/${encodeURIComponent(agencyId)}/predecessor`, {
    method: 'PUT',
    json: { predecessorId } satisfies PredecessorInput,
  })

export const resetPassword = (userId: string, password: string, mustChangePassword = true) =>
  send<void>(`/api/admin/users/${encodeURIComponent(userId)}/password`, {
    method: 'POST',
    json: { password, mustChangePassword },
  })

/** A user's whole set of roles (administrator flag and memberships). */
export const setUserAccess = (userId: string, input: UserAccessInput) =>
  send<UserSummary>(`/api/admin/users/${encodeURIComponent(userId)}/access`, { method: 'PUT', json: input })

/** 停用 / 恢复 a user. */
export const setUserActive = (userId: string, active: boolean) =>
  send<UserSummary>(`/api/admin/users/${encodeURIComponent(userId)}/active`, {
    method: 'PUT',
    json: { active } satisfies UserActiveInput,
  })

/** Renames an agency and/or moves it under another parent (its code stays). */
export const updateAgency = (agencyId: string, input: AgencyUpdateInput) =>
  send<AgencyNode>(`/api/admin/agencies/${encodeURIComponent(agencyId)}`, { method: 'PATCH', json: input })

// ————— better-auth (its own answers, worded here in Chinese) —————

const retryAfter = (error: ApiError) => Number(error.details.retryAfter) || 60

async function authCall(
  url: string,
  json: unknown,
  word: (error: ApiError, wait: number) => string,
): Promise<ApiResult<void>> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    })
  } catch {
    return { ok: false, error: NETWORK }
  }
  if (res.status !== 401) noteServerContact()
  if (res.ok) return { ok: true, data: undefined }
  const answer: unknown = await res.json().catch(() => ({}))
  // better-auth answers {code, message} in English: the code is kept, the words are ours.
  const code = isRecord(answer) && typeof answer.code === 'string' ? answer.code : `http_${res.status}`
  const error: ApiError = {
    status: res.status,
    code,
    message: '',
    fields: {},
    details: {
      retryAfter: Number(res.headers.get('x-retry-after')) || null,
      // Our own refusals (password rules, account throttle) are already worded in Chinese.
      said: isRecord(answer) && typeof answer.message === 'string' ? answer.message : null,
    },
  }
  return { ok: false, error: { ...error, message: word(error, retryAfter(error)) } }
}

export const signIn = (email: string, password: string) =>
  authCall('/api/auth/sign-in/email', { email, password, rememberMe: false }, (e, wait) =>
    e.code === 'ACCOUNT_DEACTIVATED' && typeof e.details.said === 'string'
      ? e.details.said
      : e.status === 429
        ? e.code === 'ACCOUNT_THROTTLED'
          ? `该账号连续登录失败，请${wait}秒后再试。`
          : `登录尝试次数过多，请${wait}秒后再试。`
        : e.status === 401 || e.status === 400
          ? '账号或密码不正确。忘记密码请联系系统管理员重置。'
          : '登录失败，请稍后重试。',
  )

export const signOut = () => authCall('/api/auth/sign-out', {}, () => '退出登录失败，请稍后重试。')

export const changePassword = (currentPassword: string, newPassword: string) =>
  authCall('/api/auth/change-password', { currentPassword, newPassword, revokeOtherSessions: true }, (e, wait) =>
    e.status === 429
      ? `尝试次数过多，请${wait}秒后再试。`
      : e.status === 400 || e.status === 401
        ? e.code === 'PASSWORD_POLICY' && typeof e.details.said === 'string'
          ? `${e.details.said}。`
          : e.code === 'PASSWORD_TOO_SHORT'
            ? `新密码至少需要${MIN_PASSWORD}个字符。`
            : '当前密码不正确。'
        : '修改失败，请稍后重试。',
  )

// ————— forms —————

/** Puts each field error on its field (by full path); returns the paths the form does not have. */
export function setFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: Record<string, string>,
  known: readonly string[],
): string[] {
  const rest: string[] = []
  for (const [path, message] of Object.entries(fields)) {
    if (known.includes(path)) setError(path as Path<T>, { type: 'server', message })
    else rest.push(path)
  }
  return rest
}
