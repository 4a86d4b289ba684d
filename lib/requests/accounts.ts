/**
 * What the administration routes accept. The services parse the same schemas again, so a
 * caller inside the server (seed, load test) is held to the same rules as the HTTP API.
 */
import { z } from 'zod'
import { MEMBER_ROLES } from '@/lib/auth/permissions'
import { agencyCodeSchema } from '@/lib/report/identity-schema'
import { AGENCY_LEVELS, AGENCY_TYPES } from '@/lib/report/schema'
import { UNSAFE_IN_NAME, UNSAFE_NAME_MESSAGE } from '@/lib/text/unsafe-chars'

/**
 * A person's name, as the administrator enters it: the one rule for every name a user shows
 * under (better-auth's own update-user is closed, lib/auth/endpoints.ts).
 */
export const personName = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(1, { error: '请填写姓名' })
  .max(40, { error: '姓名不超过40个字' })
  .refine((s) => !UNSAFE_IN_NAME.test(s), { error: `姓名${UNSAFE_NAME_MESSAGE}` })

export const MIN_PASSWORD = 12
export const MAX_PASSWORD = 128

/** /api/admin/users/:id */
export const userParams = z.object({
  id: z.string({ error: '用户不存在' }).min(1, { error: '用户不存在' }).max(100, { error: '用户不存在' }),
})

/** POST /api/admin/agencies */
export const agencyInput = z.object({
  code: agencyCodeSchema(),
  name: z
    .string({ error: '请填写机关名称' })
    .trim()
    .min(2, { error: '机关名称至少2个字' })
    .max(60, { error: '机关名称不超过60个字' })
    .refine((s) => !UNSAFE_IN_NAME.test(s), { error: `机关名称${UNSAFE_NAME_MESSAGE}` }),
  type: z.enum(AGENCY_TYPES, { error: '请选择机关类型：人民政府或政府部门' }),
  level: z.enum(AGENCY_LEVELS, { error: '请选择行政层级' }).nullish(),
  parentId: z.string({ error: '上级机关不存在' }).min(1, { error: '上级机关不存在' }).nullish(),
  predecessorId: z.string({ error: '前身机关不存在' }).min(1, { error: '前身机关不存在' }).nullish(),
})

export const passwordSchema = z
  .string({ error: '请填写密码' })
  .min(MIN_PASSWORD, { error: `密码至少需要${MIN_PASSWORD}个字符` })
  .max(MAX_PASSWORD, { error: `密码不超过${MAX_PASSWORD}个字符` })

/** POST /api/admin/users */
export const userInput = z.object({
  email: z
    .string({ error: '请填写账号' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: '账号应为邮箱格式，例如 zhangsan@zhangdian.gov.cn' })),
  name: personName,
  password: passwordSchema,
  isAdmin: z.boolean({ error: '系统管理员应为是或否' }).optional(),
  /** 首次登录须修改密码: on unless the administrator turns it off (scripts never set it). */
  mustChangePassword: z.boolean({ error: '首次登录须修改密码应为是或否' }).optional(),
  memberships: z
    .array(
      z.object({
        agencyId: z.string({ error: '请选择机关' }).min(1, { error: '请选择机关' }),
        role: z.enum(MEMBER_ROLES, { error: '请选择角色' }),
      }),
    )
    .max(20, { error: '一个用户最多设20个机关角色' })
    .superRefine((list, ctx) => {
      // The same agency and role twice is one membership entered twice, not a second account.
      const seen = new Set<string>()
      list.forEach((m, i) => {
        const key = `${m.agencyId}\u0000${m.role}`
        if (seen.has(key)) {
          ctx.addIssue({ code: 'custom', path: [i, 'role'], message: '同一机关的同一角色重复添加了，请删除重复的一行' })
        }
        seen.add(key)
      })
    })
    .optional(),
})

/** POST /api/admin/users/:id/password */
export const passwordInput = z.object({
  password: passwordSchema,
  mustChangePassword: z.boolean({ error: '登录后须修改密码应为是或否' }).optional(),
})

export type AgencyInput = z.input<typeof agencyInput>
export type CreateUserInput = z.input<typeof userInput>
export type PasswordInput = z.input<typeof passwordInput>
