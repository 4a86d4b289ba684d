'use client'
import { useState } from 'react'
import { type ApiResult, createAgency, createUser, resetPassword } from '@/lib/api-client'
import { MEMBER_ROLES, ROLE_NAMES } from '@/lib/auth/permissions'
import type { AgencyInput, CreateUserInput } from '@/lib/requests/accounts'

type Agency = { id: string; name: string; type: string }
type Message = { kind: 'ok' | 'error'; text: string } | null

/** The answer as the form's message: field messages follow the summary (the form has no per-field slots). */
async function feedback(call: Promise<ApiResult<unknown>>, done = '已保存。'): Promise<Message> {
  const result = await call
  if (result.ok) return { kind: 'ok', text: done }
  const { message, fields } = result.error
  const details = Object.values(fields).filter((f) => f !== message)
  return { kind: 'error', text: [message, ...details].join(' ') }
}

function Feedback({ message }: { message: Message }) {
  if (!message) return null
  return (
    <p className={message.kind === 'ok' ? 'ok' : 'field-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
      {message.text}
    </p>
  )
}

export function CreateAgencyForm({ agencies }: { agencies: Agency[] }) {
  const [message, setMessage] = useState<Message>(null)
  return (
    <form
      className="card"
      aria-label="新建机关"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        const result = await feedback(
          createAgency({
            name: String(data.get('name') ?? ''),
            type: String(data.get('type') ?? '') as AgencyInput['type'],
            level: (data.get('level') || null) as AgencyInput['level'],
            parentId: (data.get('parentId') as string | null) || null,
          }),
        )
        setMessage(result)
        if (result?.kind === 'ok') window.location.reload()
      }}
    >
      <h2>新建机关</h2>
      <label>
        <span>机关名称</span>
        <input name="name" placeholder="如：张店区教育局" />
      </label>
      <label>
        <span>机关类型</span>
        <select name="type" defaultValue="department">
          <option value="government">人民政府</option>
          <option value="department">政府部门（含乡镇、街道）</option>
        </select>
      </label>
      <label>
        <span>行政层级</span>
        <select name="level" defaultValue="county">
          <option value="province">省级</option>
          <option value="city">市级</option>
          <option value="county">县级</option>
          <option value="township">乡级</option>
        </select>
      </label>
      <label>
        <span>上级机关</span>
        <select name="parentId" defaultValue="">
          <option value="">（无，顶级）</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary">
        新建机关
      </button>
    </form>
  )
}

export function CreateUserForm({ agencies }: { agencies: Agency[] }) {
  const [message, setMessage] = useState<Message>(null)
  return (
    <form
      className="card"
      aria-label="新建用户"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        const agencyId = String(data.get('agencyId') ?? '')
        const role = String(data.get('role') ?? '') as NonNullable<CreateUserInput['memberships']>[number]['role']
        const result = await feedback(
          createUser({
            email: String(data.get('email') ?? ''),
            name: String(data.get('name') ?? ''),
            password: String(data.get('password') ?? ''),
            isAdmin: data.get('isAdmin') === 'on',
            memberships: agencyId ? [{ agencyId, role }] : [],
          }),
        )
        setMessage(result)
        if (result?.kind === 'ok') window.location.reload()
      }}
    >
      <h2>新建用户</h2>
      <label>
        <span>账号（邮箱格式）</span>
        <input name="email" type="email" placeholder="如：zhangsan@zhangdian.gov.cn" />
      </label>
      <label>
        <span>姓名</span>
        <input name="name" />
      </label>
      <label>
        <span>初始密码（至少8位）</span>
        <input name="password" type="text" autoComplete="off" />
      </label>
      <label>
        <span>机关</span>
        <select name="agencyId" defaultValue="">
          <option value="">（不设）</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>角色</span>
        <select name="role" defaultValue="officer">
          {MEMBER_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input name="isAdmin" type="checkbox" /> <span>系统管理员</span>
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary">
        新建用户
      </button>
    </form>
  )
}

export function ResetPasswordForm({ userId, email }: { userId: string; email: string }) {
  const [message, setMessage] = useState<Message>(null)
  return (
    <form
      className="inline-form"
      aria-label={`重置${email}的密码`}
      onSubmit={async (e) => {
        e.preventDefault()
        const formEl = e.currentTarget
        const password = String(new FormData(formEl).get('password') ?? '')
        const result = await feedback(resetPassword(userId, password), '密码已重置，该用户需重新登录。')
        setMessage(result)
        if (result?.kind === 'ok') formEl.reset()
      }}
    >
      <input name="password" type="text" autoComplete="off" placeholder="新密码" aria-label="新密码" />
      <button type="submit">重置密码</button>
      <Feedback message={message} />
    </form>
  )
}
