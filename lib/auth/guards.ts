/**
 * The server-side checks every page and route makes. Pages: not signed in → /sign-in,
 * not entitled → the 403 page (forbidden()). API routes: a ServiceError the route's handle()
 * answers as JSON 401 / 403, whose body names nothing of the report it refused.
 */
import 'server-only'
import { headers } from 'next/headers'
import { forbidden, notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import { type Action, type Actor, type ActorSummary, can, canGlobally } from '@/lib/auth/permissions'
import type { SaveRow } from '@/lib/data/report-table'
import { reportAgencyId } from '@/lib/services/report-read'
import { saveRow } from '@/lib/services/report-patch'
import { notFound as noSuchReport, ServiceError } from '@/lib/services/errors'
import { requestScope } from './request-scope'
import { sessionActor, sessionSummary } from './session'

/** A page's signed-in user, or null (once per render). */
const pageUser = cache(async (): Promise<Actor | null> => sessionActor(await headers()))

/** The signed-in user of this request, or null (once per request): an API route's from its request. */
export function currentUser(): Promise<Actor | null> {
  const scoped = requestScope()
  if (!scoped) return pageUser()
  scoped.user ??= sessionActor(scoped.headers)
  return scoped.user
}

/** Where a user whose password an administrator set must choose their own. */
export const PASSWORD_PAGE = '/account/password'

const unauthenticated = () => new ServiceError(401, 'unauthenticated', '请先登录。登录已过期时，请重新登录后再试。')
const refused = () => new ServiceError(403, 'forbidden', '您没有权限进行此操作。')
const passwordFirst = () =>
  new ServiceError(403, 'password_change_required', '管理员已为您设置临时密码，请先在“修改密码”页设置自己的密码。')

export interface ReportAccess {
  user: Actor
  agencyId: string
}

// ————— pages —————

/** The signed-in user; otherwise to /sign-in, and back to `returnTo` afterwards. */
export async function requireUser(returnTo = '/'): Promise<Actor> {
  const user = await currentUser()
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`)
  // A password set by an administrator is changed before anything else is shown.
  if (user.mustChangePassword && !returnTo.startsWith(PASSWORD_PAGE)) {
    redirect(`${PASSWORD_PAGE}?next=${encodeURIComponent(returnTo)}`)
  }
  return user
}

/**
 * The report's agency when the user may read the report, else null: a report the user may not
 * read answers exactly as one that does not exist (404), so ids of other agencies' reports
 * cannot be told from made-up ones. Only a reader is told 403 (for an action beyond reading).
 */
async function readableAgency(user: Actor, reportId: string): Promise<string | null> {
  const agencyId = await reportAgencyId(reportId)
  return agencyId && can(user, 'report.read', agencyId) ? agencyId : null
}

/** For pages: the report exists, the user may read it (else 404) and take the action (else 403). */
export async function requireReportAccess(reportId: string, action: Action, returnTo?: string): Promise<ReportAccess> {
  const user = await requireUser(returnTo ?? `/reports/${encodeURIComponent(reportId)}`)
  const agencyId = await readableAgency(user, reportId)
  if (!agencyId) notFound()
  if (!can(user, action, agencyId)) forbidden()
  return { user, agencyId }
}

/** For pages that need an action with no agency (administration). */
export async function requireGlobal(action: Action, returnTo: string): Promise<Actor> {
  const user = await requireUser(returnTo)
  if (!canGlobally(user, action)) forbidden()
  return user
}

// ————— API routes (throw; handle() answers JSON) —————

export async function apiUser(): Promise<Actor> {
  const user = await currentUser()
  if (!user) throw unauthenticated()
  if (user.mustChangePassword) throw passwordFirst()
  return user
}

/**
 * apiUser for the home list (decision 0610): the same refusals, the user without a coordinator's
 * agency tree (only can() reads it; the list's statement walks the tree itself). Once per request
 * as currentUser: a full lookup already made is reused.
 */
export async function apiListReader(): Promise<ActorSummary> {
  const scoped = requestScope()
  const user = scoped?.user ? await scoped.user : await sessionSummary(scoped ? scoped.headers : await headers())
  if (!user) throw unauthenticated()
  if (user.mustChangePassword) throw passwordFirst()
  return user
}

/** Signed in, even while a password change is due (the idle guard's keep-alive on that page). */
export async function apiSignedIn(): Promise<Actor> {
  const user = await currentUser()
  if (!user) throw unauthenticated()
  return user
}

export async function apiReportAccess(reportId: string, action: Action): Promise<ReportAccess> {
  const user = await apiUser()
  const agencyId = await readableAgency(user, reportId)
  if (!agencyId) throw noSuchReport()
  if (!can(user, action, agencyId)) throw refused()
  return { user, agencyId }
}

/**
 * apiReportAccess reading the report's whole stored row rather than its agency alone, for the
 * autosave, whose service reads the row anyway (one statement fewer per save; decision 0500),
 * as the save reads it (saveRow: last year's report with it, the content only when needed; 0600).
 * The same answers: 404 for a report the user may not read, 403 for the action. The row is as
 * read before the body: the write checks its version and state.
 */
export async function apiReportRowAccess(reportId: string, action: Action): Promise<ReportAccess & { row: SaveRow }> {
  const user = await apiUser()
  const row = await saveRow(reportId)
  if (!row || !can(user, 'report.read', row.agencyId)) throw noSuchReport()
  if (!can(user, action, row.agencyId)) throw refused()
  return { user, agencyId: row.agencyId, row }
}

/** The user may take the action on this agency (create, import into it). */
export async function apiAgencyAccess(agencyId: string, action: Action): Promise<Actor> {
  const user = await apiUser()
  if (!can(user, action, agencyId)) throw refused()
  return user
}

export async function apiGlobal(action: Action): Promise<Actor> {
  const user = await apiUser()
  if (!canGlobally(user, action)) throw refused()
  return user
}
