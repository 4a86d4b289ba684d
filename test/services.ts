/**
 * What the service tests share: refusals, unique names, the audit events of a report, and
 * the three workflow actors with a report in each state.
 */
import { chinaToday } from '@/lib/workflow/deadlines'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll } from 'vitest'
import type { Actor } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { toInterchange } from '@/lib/report/interchange'
import { ServiceError } from '@/lib/services/errors'
import { createReport } from '@/lib/services/report-create'
import { importReport } from '@/lib/services/report-import'
import { transition } from '@/lib/services/transitions'
import { completeFixture } from './complete-report'
import { FIXTURES_DIR } from './fixtures'

/** The ServiceError a call was refused with (fails the test when it was not refused). */
export async function refused(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p
  } catch (e) {
    if (e instanceof ServiceError) return e
    throw e
  }
  throw new Error('expected a ServiceError')
}

let seq = 0
/** A unique agency name per call: tests never share data. */
export const agencyName = (prefix = '测试区第') => `${prefix}${++seq}${Date.now() % 100000}局`

export const fixtureText = (name: string) => readFileSync(path.join(FIXTURES_DIR, name), 'utf8')
export const fixtureJson = (name: string) => JSON.parse(fixtureText(name))

/** A 保密审查 record as the publish dialog sends it, dated today (on or after any approval in a test). */
export const secrecyRecord = () => ({
  reviewer: '钱保密',
  reviewedOn: chinaToday(),
  conclusion: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私。',
})

/** A report's audit events, oldest first. */
export const events = (reportId: string) =>
  prisma.reportEvent.findMany({ where: { reportId }, orderBy: [{ createdAt: 'asc' }, { version: 'asc' }] })

/** A report object the editor would send, with one cell changed. */
export function withCell(report: any, section: string, row: string, column: string, value: unknown) {
  const next = structuredClone(report)
  next.sections[section][row][column] = value
  return next
}

/** A blank draft of a fresh agency. */
export async function newDraft(year = 2023) {
  return createReport({ formatVersion: '2021', year, agency: { name: agencyName(), type: 'department' } })
}

type Grants = Actor['memberships'][number][]
const user = (id: string, name: string): Actor & { memberships: Grants } => ({
  id,
  name,
  email: `${id}@test.demo`,
  isAdmin: false,
  memberships: [],
})

/**
 * An officer, a reviewer and a coordinator (created before the file's tests), each given its
 * role on every report passed to grant(), and reports in each state of the workflow.
 */
export function workflowActors() {
  const officer = user('u-officer', '李填报')
  const reviewer = user('u-reviewer', '王审核')
  const coordinator = user('u-coord', '赵统筹')
  beforeAll(async () => {
    for (const u of [officer, reviewer, coordinator]) {
      await prisma.user.create({ data: { id: u.id, name: u.name, email: `${u.id}@test.demo` } })
    }
  })

  /** The report's agency gets the three roles (as memberships would give). */
  async function grant(reportId: string) {
    const { agencyId } = await prisma.report.findUniqueOrThrow({ where: { id: reportId } })
    for (const [u, role] of [
      [officer, 'officer'],
      [reviewer, 'reviewer'],
      [coordinator, 'coordinator'],
    ] as const) {
      u.memberships.push({ agencyId, agencyName: '', role, subtree: [agencyId] })
    }
  }

  /** A complete report, imported under a fresh agency name. */
  async function completeDraft() {
    const { report } = completeFixture('zhangdian-gov-2021')
    report.agency = { ...report.agency, name: agencyName('流程测试第') }
    const { report: stored } = await importReport(toInterchange(report))
    await grant(stored.id)
    return stored
  }

  async function submitted() {
    const stored = await completeDraft()
    await transition(stored.id, 'submit', officer, { baseVersion: stored.version })
    return stored
  }

  async function approved() {
    const stored = await submitted()
    await transition(stored.id, 'approve', reviewer, { baseVersion: stored.version })
    return stored
  }

  return { officer, reviewer, coordinator, grant, completeDraft, submitted, approved }
}
