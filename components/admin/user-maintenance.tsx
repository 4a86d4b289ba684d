'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useFieldArray, useForm } from 'react-hook-form'
import type { z } from 'zod'
import {
  AgencyOptions,
  Feedback,
  FieldMessage,
  type Message,
  RoleOptions,
  refusal,
} from '@/components/admin/form-parts'
import { useHydrated } from '@/components/use-hydrated'
import { setFieldErrors, setUserAccess, setUserActive } from '@/lib/api-client'
import { userAccessInput } from '@/lib/requests/account-maintenance'
import { zhErrors } from '@/lib/requests/issues'
import type { UserSummary } from '@/lib/services/accounts'

type Agency = { id: string; name: string; type: string }
type AccessValues = z.input<typeof userAccessInput>

/** A user's roles: the administrator flag and any number of (agency, role) rows. */
export function UserAccessForm({ user, agencies }: { user: UserSummary; agencies: Agency[] }) {
  const hydrated = useHydrated()
  const router = useRouter()
  const [message, setMessage] = useState<Message>(null)
  const form = useForm<AccessValues, unknown, z.output<typeof userAccessInput>>({
    resolver: zodResolver(userAccessInput, { error: zhErrors }),
    defaultValues: {
      isAdmin: user.isAdmin,
      memberships: user.memberships.map((m) => ({ agencyId: m.agencyId, role: m.role })),
    },
  })
  const rows = useFieldArray({ control: form.control, name: 'memberships' })
  const { errors, isSubmitting } = form.formState
  const known = [
    'isAdmin',
    'memberships',
    ...rows.fields.flatMap((_, i) => [`memberships.${i}.agencyId`, `memberships.${i}.role`]),
  ]

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null)
    const result = await setUserAccess(user.id, values)
    if (result.ok) {
      setMessage({ kind: 'ok', text: '角色已保存，立即生效。' })
      router.refresh()
      return
    }
    setMessage(refusal(result.error, setFieldErrors(form.setError, result.error.fields, known)))
  })

  return (
    <form method="post" className="card" aria-label="角色与机关" noValidate onSubmit={onSubmit}>
      <h2>角色与机关</h2>
      <p className="hint">
        一个用户可在多个机关担任角色。保存后立即生效，所有服务器实例的下一次请求即按新角色判断权限。
      </p>
      <label className="inline">
        <input {...form.register('isAdmin')} type="checkbox" /> <span>系统管理员</span>
      </label>
      <FieldMessage error={errors.isAdmin} />
      <ul className="membership-rows">
        {rows.fields.map((field, i) => (
          <li key={field.id} className="membership-row">
            <label>
              <span>机关</span>
              <select {...form.register(`memberships.${i}.agencyId`)}>
                <option value="">请选择</option>
                <AgencyOptions agencies={agencies} />
              </select>
              <FieldMessage error={errors.memberships?.[i]?.agencyId} />
            </label>
            <label>
              <span>角色</span>
              <select {...form.register(`memberships.${i}.role`)}>
                <RoleOptions />
              </select>
              <FieldMessage error={errors.memberships?.[i]?.role} />
            </label>
            <button type="button" onClick={() => rows.remove(i)} aria-label={`删除第${i + 1}行`}>
              删除
            </button>
          </li>
        ))}
      </ul>
      {rows.fields.length === 0 ? <p className="muted">没有机关角色。</p> : null}
      <FieldMessage error={errors.memberships} />
      <p>
        <button type="button" onClick={() => rows.append({ agencyId: '', role: 'officer' })}>
          添加机关角色
        </button>
      </p>
      <Feedback message={message} />
      <button type="submit" className="primary" disabled={!hydrated || isSubmitting}>
        保存角色
      </button>
    </form>
  )
}

/** 停用 / 恢复: a deactivated user is signed out at once and cannot sign in. */
export function UserActiveForm({ user }: { user: UserSummary }) {
  const hydrated = useHydrated()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message>(null)
  const toggle = async () => {
    setBusy(true)
    setMessage(null)
    const result = await setUserActive(user.id, !user.active)
    setBusy(false)
    if (result.ok) {
      setMessage({
        kind: 'ok',
        text: result.data.active ? '账号已恢复，可以重新登录。' : '账号已停用，该用户的登录已全部退出。',
      })
      router.refresh()
    } else {
      setMessage({ kind: 'error', text: result.error.message })
    }
  }
  return (
    <section className="card" aria-label="账号状态">
      <h2>账号状态</h2>
      <p>
        {user.active ? '正常使用' : <strong className="badge badge-error">已停用</strong>}
        {user.mustChangePassword ? <span className="badge badge-info">登录后须修改密码</span> : null}
      </p>
      <p className="hint">停用后该用户立即退出登录、不能再登录；其填写和审核的记录保留不变。</p>
      <button
        type="button"
        className={user.active ? 'danger' : 'primary'}
        disabled={!hydrated || busy}
        onClick={toggle}
      >
        {user.active ? '停用账号' : '恢复账号'}
      </button>
      <Feedback message={message} />
    </section>
  )
}
