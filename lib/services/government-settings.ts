/**
 * A government's own settings (decision 0270): the deadlines of the reports under it (条例第四十九条;
 * the statutory dates, moved by NIANBAO_DEADLINES for the whole installation, moved again here
 * per government by its 政务公开办) and the days before the deadline when reminders go out.
 */
import 'server-only'
import { z } from 'zod'
import { type Actor, rolesOn } from '@/lib/auth/permissions'
import { prisma } from '@/lib/db'
import { portalOriginInput } from '@/lib/open-data/portal-origin'
import { type DeadlineOverrides, deadlineOverridesFrom, statutoryDeadline } from '@/lib/workflow/deadlines'
import { recordAudit } from './audit'
import { invalid, notFound, ServiceError } from './errors'

export interface GovernmentSettings {
  agencyId: string
  /** 'MM-DD' (in the year after the report's) or 'YYYY-MM-DD'; null: the installation's default. */
  departmentDeadline: string | null
  governmentDeadline: string | null
  /** Days before the deadline when automatic reminders go out, largest first. */
  reminderDays: number[]
  /** The portal's origin that may frame the column (/gk/{gov}/embed, decision 0320); null: none. */
  portalOrigin: string | null
}

const DEADLINE_TEXT = /^(\d{2}-\d{2}|\d{4}-\d{2}-\d{2})$/

/** What the coordinator's settings form sends; '' clears a deadline. */
export const governmentSettingsInput = z.object({
  departmentDeadline: z
    .string()
    .trim()
    .refine((s) => s === '' || DEADLINE_TEXT.test(s), { error: '截止日期应为“月-日”（01-31）或“年-月-日”' })
    .optional(),
  governmentDeadline: z
    .string()
    .trim()
    .refine((s) => s === '' || DEADLINE_TEXT.test(s), { error: '截止日期应为“月-日”（03-31）或“年-月-日”' })
    .optional(),
  reminderDays: z
    .array(z.number({ error: '提醒天数应为数字' }).int({ error: '提醒天数应为整数' }).min(0).max(120))
    .max(10, { error: '最多设置10个提醒日' })
    .optional(),
  portalOrigin: portalOriginInput.optional(),
})

export function parseReminderDays(text: string): number[] {
  const days = text
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n >= 0 && n <= 120)
  return [...new Set(days)].sort((x, y) => y - x)
}

export async function governmentSettings(agencyId: string): Promise<GovernmentSettings> {
  const row = await prisma.governmentSetting.findUnique({ where: { agencyId } })
  return {
    agencyId,
    departmentDeadline: row?.departmentDeadline ?? null,
    governmentDeadline: row?.governmentDeadline ?? null,
    reminderDays: parseReminderDays(row?.reminderDays ?? '14,7,1'),
    portalOrigin: row?.portalOrigin ?? null,
  }
}

/** The deadline overrides in force for a government: its own, else the installation's. */
export function overridesOf(settings: GovernmentSettings | null): DeadlineOverrides {
  const env = deadlineOverridesFrom(process.env.NIANBAO_DEADLINES)
  return {
    department: settings?.departmentDeadline ?? env.department,
    government: settings?.governmentDeadline ?? env.government,
  }
}

/** The two deadlines of a year under a government ('YYYY-MM-DD'). */
export function deadlinesOf(
  settings: GovernmentSettings | null,
  year: number,
): Record<'government' | 'department', string> {
  const overrides = overridesOf(settings)
  return {
    government: statutoryDeadline('government', year, overrides),
    department: statutoryDeadline('department', year, overrides),
  }
}

/** The government's coordinator or an administrator: who runs its board. */
export function coordinates(actor: Actor, governmentId: string): boolean {
  const roles = rolesOn(actor, governmentId)
  return roles.includes('coordinator') || roles.includes('admin')
}

export async function requireGovernment(governmentId: string) {
  const agency = await prisma.agency.findUnique({
    where: { id: governmentId },
    select: { id: true, name: true, code: true, type: true },
  })
  if (!agency) throw notFound('机关不存在')
  return agency
}

export async function updateGovernmentSettings(
  governmentId: string,
  input: unknown,
  actor: Actor,
): Promise<GovernmentSettings> {
  const government = await requireGovernment(governmentId)
  if (!coordinates(actor, governmentId))
    throw new ServiceError(403, 'forbidden', '只有本级政务公开办或管理员可以修改设置')
  const parsed = governmentSettingsInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error, '设置有误，请按提示修改')
  const given = parsed.data
  const clear = (s: string | undefined) => (s === undefined ? undefined : s === '' ? null : s)
  // A date that does not exist (02-30) is refused here, not silently replaced by the default.
  for (const key of ['departmentDeadline', 'governmentDeadline'] as const) {
    const value = given[key]
    if (value && !dateExists(value))
      throw new ServiceError(422, 'invalid', '截止日期不存在', { [key]: '截止日期不存在' })
  }
  const data = {
    ...(given.departmentDeadline !== undefined ? { departmentDeadline: clear(given.departmentDeadline) } : {}),
    ...(given.governmentDeadline !== undefined ? { governmentDeadline: clear(given.governmentDeadline) } : {}),
    ...(given.portalOrigin !== undefined ? { portalOrigin: clear(given.portalOrigin) } : {}),
    ...(given.reminderDays ? { reminderDays: [...new Set(given.reminderDays)].sort((x, y) => y - x).join(',') } : {}),
    updatedById: actor.id,
  }
  await prisma.$transaction(async (tx) => {
    await tx.governmentSetting.upsert({
      where: { agencyId: governmentId },
      create: { agencyId: governmentId, ...data },
      update: data,
    })
    await recordAudit(
      {
        action: 'government.settings.update',
        outcome: 'success',
        actor: { id: actor.id, name: actor.name },
        subject: government.name,
        detail: JSON.stringify({ ...data, updatedById: undefined }),
      },
      tx,
    )
  })
  return governmentSettings(governmentId)
}

function dateExists(value: string): boolean {
  const [y, m, d] = (value.length === 5 ? `2024-${value}` : value).split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
