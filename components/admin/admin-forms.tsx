'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import {
  AgencyOptions,
  Feedback,
  FieldMessage,
  type Message,
  RoleOptions,
  refusal,
} from '@/components/admin/form-parts'
import { useHydrated } from '@/components/use-hydrated'
import { createAgency, createUser, resetPassword, setFieldErrors } from '@/lib/api-client'
import { MEMBER_ROLES } from '@/lib/auth/permissions'
import { AGENCY_CODE_HINT, AGENCY_CODE_MAX } from '@/lib/report/identity'
import { agencyInput, MIN_PASSWORD, passwordInput, userInput } from '@/lib/requests/accounts'
import { zhErrors } from '@/lib/requests/issues'

type Agency = { id: string; name: string; type: string }

const AGENCY_FIELDS = ['code', 'name', 'type', 'level', 'parentId', 'predecessorId'] as const

export function CreateAgencyForm({ agencies }: { agencies: Agency[] }) {
  const hydrated = useHydrated()
  const [message, setMessage] = useState<Message>(null)
  const form = useForm<z.input<typeof agencyInput>, unknown, z.output<typeof agencyInput>>({
    resolver: zodResolver(agencyInput, { error: zhErrors }),
    defaultValues: { code: '', name: '', type: 'department', level: 'county', parentId: null, predecessorId: null },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null)
    const result = await createAgency(values)
    if (result.ok) {
      setMessage({ kind: 'ok', text: '已保存。' })
      window.location.reload()
      return
    }
    setMessage(refusal(result.error, setFieldErrors(form.setError, result.error.fields, AGENCY_FIELDS)))
  })
  return (
    <form method="post" className="card" aria-label="新建机关" noValidate onSubmit={onSubmit}>
      <h2>新建机关</h2>
      <label>
        <span>机关名称</span>
        <input {...form.register('name')} placeholder="如：张店区教育局" />
        <FieldMessage error={errors.name} />
      </label>
      <label>
        <span>代码</span>
        <input
          {...form.register('code')}
          placeholder="如：zhangdian-jyj"
          maxLength={AGENCY_CODE_MAX}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="agency-code-hint"
        />
        <small id="agency-code-hint" className="muted">
          {AGENCY_CODE_HINT}
        </small>
        <FieldMessage error={errors.code} />
      </label>
      <label>
        <span>机关类型</span>
        <select {...form.register('type')}>
          <option value="government">人民政府</option>
          <option value="department">政府部门（含乡镇、街道）</option>
        </select>
        <FieldMessage error={errors.type} />
      </label>
      <label>
        <span>行政层级</span>
        <select {...form.register('level')}>
          <option value="province">省级</option>
          <option value="city">市级</option>
          <option value="county">县级</option>
          <option value="township">乡级</option>
        </select>
        <FieldMessage error={errors.level} />
      </label>
      <label>
        <span>上级机关</span>
        <select {...form.register('parentId', { setValueAs: (v) => v || null })}>
          <option value="">（无，顶级）</option>
          <AgencyOptions agencies={agencies} />
        </select>
        <FieldMessage error={errors.parentId} />
      </label>
      <label>
        <span>前身机关（机构改革）</span>
        <select {...form.register('predecessorId', { setValueAs: (v) => v || null })}>
          <option value="">（无）</option>
          <AgencyOptions agencies={agencies} />
        </select>
        <FieldMessage error={errors.predecessorId} />
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary" disabled={!hydrated || isSubmitting}>
        新建机关
      </button>
    </form>
  )
}

/** The form asks for one membership (agency and role); the request takes a list of them. */
const userForm = userInput.omit({ memberships: true }).extend({
  agencyId: z.string(),
  role: z.enum(MEMBER_ROLES, { error: '请选择角色' }),
})

const USER_FIELDS = ['email', 'name', 'password', 'isAdmin', 'mustChangePassword', 'agencyId', 'role'] as const

export function CreateUserForm({ agencies }: { agencies: Agency[] }) {
  const hydrated = useHydrated()
  const [message, setMessage] = useState<Message>(null)
  const form = useForm<z.input<typeof userForm>, unknown, z.output<typeof userForm>>({
    resolver: zodResolver(userForm, { error: zhErrors }),
    defaultValues: {
      email: '',
      name: '',
      password: '',
      agencyId: '',
      role: 'officer',
      isAdmin: false,
      mustChangePassword: true,
    },
  })
  const { errors, isSubmitting } = form.formState
  const onSubmit = form.handleSubmit(async ({ agencyId, role, ...user }) => {
    setMessage(null)
    const result = await createUser({ ...user, memberships: agencyId ? [{ agencyId, role }] : [] })
    if (result.ok) {
      setMessage({ kind: 'ok', text: '已保存。' })
      // The list is sorted by account and paged: show the new user's row, wherever it sorts.
      window.location.assign(`/admin?q=${encodeURIComponent(user.email)}`)
      return
    }
    // The one membership's errors belong to its two fields.
    const fields = Object.fromEntries(
      Object.entries(result.error.fields).map(([path, m]) => [path.replace(/^memberships\.0\./, ''), m]),
    )
    setMessage(refusal({ ...result.error, fields }, setFieldErrors(form.setError, fields, USER_FIELDS)))
  })
  return (
    <form method="post" className="card" aria-label="新建用户" noValidate onSubmit={onSubmit}>
      <h2>新建用户</h2>
      <label>
        <span>账号（邮箱格式）</span>
        <input {...form.register('email')} type="email" placeholder="如：zhangsan@zhangdian.gov.cn" />
        <FieldMessage error={errors.email} />
      </label>
      <label>
        <span>姓名</span>
        <input {...form.register('name')} />
        <FieldMessage error={errors.name} />
      </label>
      <label>
        <span>初始密码（至少{MIN_PASSWORD}个字符）</span>
        <input {...form.register('password')} type="text" autoComplete="off" />
        <FieldMessage error={errors.password} />
      </label>
      <label>
        <span>机关</span>
        <select {...form.register('agencyId')}>
          <option value="">（不设）</option>
          <AgencyOptions agencies={agencies} />
        </select>
        <FieldMessage error={errors.agencyId} />
      </label>
      <label>
        <span>角色</span>
        <select {...form.register('role')}>
          <RoleOptions />
        </select>
        <FieldMessage error={errors.role} />
      </label>
      <label className="inline">
        <input {...form.register('isAdmin')} type="checkbox" /> <span>系统管理员</span>
      </label>
      <label className="inline">
        <input {...form.register('mustChangePassword')} type="checkbox" /> <span>首次登录须修改密码</span>
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary" disabled={!hydrated || isSubmitting}>
        新建用户
      </button>
    </form>
  )
}

export function ResetPasswordForm({ userId, email }: { userId: string; email: string }) {
  const hydrated = useHydrated()
  const [message, setMessage] = useState<Message>(null)
  const form = useForm<z.input<typeof passwordInput>>({
    resolver: zodResolver(passwordInput, { error: zhErrors }),
    defaultValues: { password: '' },
  })
  const onSubmit = form.handleSubmit(async ({ password }) => {
    setMessage(null)
    const result = await resetPassword(userId, password)
    if (result.ok) {
      form.reset()
      setMessage({ kind: 'ok', text: '密码已重置，该用户需重新登录，并在登录后修改密码。' })
    } else setMessage(refusal(result.error, setFieldErrors(form.setError, result.error.fields, ['password'])))
  })
  const fieldError = form.formState.errors.password?.message
  return (
    <form method="post" className="inline-form" aria-label={`重置${email}的密码`} noValidate onSubmit={onSubmit}>
      <input {...form.register('password')} type="text" autoComplete="off" placeholder="新密码" aria-label="新密码" />
      <button type="submit" disabled={!hydrated || form.formState.isSubmitting}>
        重置密码
      </button>
      <Feedback message={fieldError ? { kind: 'error', text: fieldError } : message} />
    </form>
  )
}
