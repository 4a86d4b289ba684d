/**
 * What the administration's maintenance routes accept (decision 0360): a user's roles, their
 * deactivation, an agency's new name or parent, the user search. Shared by the /admin forms and
 * the routes; the services parse them again.
 */
import { z } from 'zod'
import { agencyInput, userInput } from './accounts'

/** PUT /api/admin/users/:id/access: the whole set of a user's roles, replacing the old one. */
export const userAccessInput = z.object({
  isAdmin: z.boolean({ error: '系统管理员应为是或否' }),
  memberships: userInput.shape.memberships.unwrap(),
})

/** PUT /api/admin/users/:id/active */
export const userActiveInput = z.object({
  active: z.boolean({ error: '请选择启用或停用' }),
})

/** PATCH /api/admin/agencies/:id: a new name, a new parent (null: none), or both. The code never changes. */
export const agencyUpdateInput = z
  .object({
    name: agencyInput.shape.name.optional(),
    parentId: z
      .string({ error: '请选择上级机关' })
      .max(100, { error: '上级机关不存在' })
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .optional(),
  })
  .refine((v) => v.name !== undefined || v.parentId !== undefined, {
    error: '请填写新名称或选择新的上级机关',
    path: ['name'],
  })

export const USER_PAGE_SIZE = 20

/** GET /api/admin/users?q=&page= (and the /admin page's own query). */
export const userSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(60, { error: '搜索内容不超过60个字' })
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce
    .number({ error: '页码应为数字' })
    .int({ error: '页码应为整数' })
    .min(1, { error: '页码从1开始' })
    .max(100000, { error: '页码过大' })
    .optional()
    .default(1),
})

export type UserAccessInput = z.input<typeof userAccessInput>
export type UserActiveInput = z.input<typeof userActiveInput>
export type AgencyUpdateInput = z.input<typeof agencyUpdateInput>
export type UserSearchQuery = z.input<typeof userSearchQuery>
