/**
 * The account and administration audit trail (等保 2.0): sign-ins (success and failure),
 * password changes and every administrative action, with who, when, from which address and
 * the outcome. Names are copied at the time of the event. Administrators read it at
 * /admin/audit and download it as CSV.
 */
import 'server-only'
import { chinaTimestamp } from '@/lib/china-time'
import { prisma } from '@/lib/db'
import type { Prisma } from '@/generated/prisma/client'

export const AUDIT_ACTIONS = {
  'sign-in': '登录',
  'sign-out': '退出登录',
  'password.change': '修改本人密码',
  'admin.password.reset': '管理员重置密码',
  'admin.user.create': '新建用户',
  'admin.agency.create': '新建机关',
  'admin.agency.predecessor': '设置前身机关',
  'admin.agency.update': '修改机关名称或上级机关',
  'admin.user.access': '修改用户角色',
  'admin.user.deactivate': '停用用户',
  'admin.user.reactivate': '恢复用户',
  'agency.contact.update': '修改机关联系方式',
  'import.close': '核对已发布的年报（未保存）',
  'import.prune': '清理过期的导入记录',
  'government.settings.update': '修改年报截止日期与提醒设置',
  'notice.remind': '催报',
  'selection.create': '保存汇总范围',
  'selection.update': '修改汇总范围',
  'selection.delete': '删除汇总范围',
  'bulk.prune': '清理过期的打包下载',
} as const
export type AuditAction = keyof typeof AUDIT_ACTIONS

export const AUDIT_OUTCOMES = { success: '成功', failure: '失败', refused: '被拒绝' } as const
export type AuditOutcome = keyof typeof AUDIT_OUTCOMES

export interface AuditActor {
  id: string
  name: string
}

export interface AuditInput {
  action: AuditAction
  outcome: AuditOutcome
  actor?: AuditActor | null
  subject?: string | null
  address?: string | null
  /** A short reason or description, in Chinese. */
  detail?: string | null
}

export interface AuditEntry {
  id: string
  at: string
  action: AuditAction
  outcome: AuditOutcome
  actorId: string | null
  actorName: string | null
  subject: string | null
  address: string | null
  detail: string | null
}

type Db = Pick<Prisma.TransactionClient, 'auditEvent'>

/** Writes one event; pass the transaction of the change it records. */
export async function recordAudit(event: AuditInput, db: Db = prisma): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      outcome: event.outcome,
      actorId: event.actor?.id ?? null,
      actorName: event.actor?.name ?? null,
      subject: event.subject ?? null,
      address: event.address ?? null,
      detail: event.detail ?? null,
    },
  })
}

export const AUDIT_PAGE = 200
/** The most an export carries (a year of a busy system is far below it). */
export const AUDIT_EXPORT_MAX = 100_000

/** Newest first; `before` pages on (an ISO time of the last entry seen). */
export async function listAudit(options: { limit?: number; before?: Date } = {}): Promise<AuditEntry[]> {
  const rows = await prisma.auditEvent.findMany({
    where: options.before ? { at: { lt: options.before } } : undefined,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: options.limit ?? AUDIT_PAGE,
  })
  return rows.map(({ at, action, outcome, ...rest }) => ({
    ...rest,
    at: at.toISOString(),
    action: action as AuditAction,
    outcome: outcome as AuditOutcome,
  }))
}

/** The action's Chinese name (an unknown code, from a newer version, as itself). */
export const actionName = (action: string) => AUDIT_ACTIONS[action as AuditAction] ?? action
export const outcomeName = (outcome: string) => AUDIT_OUTCOMES[outcome as AuditOutcome] ?? outcome

/** One CSV field (RFC 4180), with a leading = + - @ neutralised so that a spreadsheet does not run it. */
export function csvField(value: string | null): string {
  let text = value ?? ''
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The entries as CSV: UTF-8 with a byte-order mark (Excel on Chinese Windows reads it right), CRLF lines. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  // Times in China time like every page (the admin page, the lists), sortable as text.
  const header = ['时间（北京时间）', '操作', '结果', '操作人', '操作人ID', '对象', '来源地址', '说明']
  const lines = [header.map(csvField).join(',')]
  for (const e of entries) {
    lines.push(
      [
        chinaTimestamp(e.at),
        actionName(e.action),
        outcomeName(e.outcome),
        e.actorName,
        e.actorId,
        e.subject,
        e.address,
        e.detail,
      ]
        .map(csvField)
        .join(','),
    )
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
