'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { AgencyChoice, AgencyOptions, Feedback, FieldMessage, type Message } from '@/components/admin/form-parts'
import { useHydrated } from '@/components/use-hydrated'
import { updateAgency } from '@/lib/api-client'
import { agencyUpdateInput } from '@/lib/requests/account-maintenance'
import { zhErrors } from '@/lib/requests/issues'

type Agency = { id: string; name: string; code: string; parentId: string | null }
type Fields = { name?: string; parentId?: string }

/**
 * 修改机关: a new name and/or another parent. The code is shown and never edited: addresses and
 * history follow it.
 */
export function AgencyEditForm({ agencies }: { agencies: Agency[] }) {
  const hydrated = useHydrated()
  const router = useRouter()
  const [agencyId, setAgencyId] = useState('')
  const [name, setName] = useState('')
  const [parentId, setParentId] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message>(null)
  const [fields, setFields] = useState<Fields>({})
  const chosen = agencies.find((a) => a.id === agencyId)

  const choose = (id: string) => {
    const a = agencies.find((x) => x.id === id)
    setAgencyId(id)
    setName(a?.name ?? '')
    setParentId(a?.parentId ?? '')
    setMessage(null)
    setFields({})
  }

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!chosen) {
      setMessage({ kind: 'error', text: '请选择机关' })
      return
    }
    const body = {
      ...(name.trim() !== chosen.name ? { name } : {}),
      ...(parentId !== (chosen.parentId ?? '') ? { parentId: parentId || null } : {}),
    }
    const parsed = agencyUpdateInput.safeParse(body, { error: zhErrors })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      setFields({ [String(issue.path[0] ?? 'name')]: issue.message })
      setMessage({ kind: 'error', text: issue.message })
      return
    }
    setBusy(true)
    setMessage(null)
    setFields({})
    const result = await updateAgency(chosen.id, body)
    setBusy(false)
    if (result.ok) {
      setMessage({ kind: 'ok', text: `已保存：${result.data.name}（代码 ${result.data.code} 不变）。` })
      router.refresh()
    } else {
      setFields(result.error.fields)
      setMessage({ kind: 'error', text: result.error.message })
    }
  }

  return (
    <form method="post" className="card" aria-label="修改机关" noValidate onSubmit={onSubmit}>
      <h2>修改机关名称或上级机关</h2>
      <p className="hint">机关代码不变，已发布年报的地址和历史记录不受影响；已审核的年报保留当时的机关名称。</p>
      <AgencyChoice agencies={agencies} value={agencyId} onChoose={choose} />
      {chosen ? (
        <p className="muted">
          代码：<code>{chosen.code}</code>
        </p>
      ) : null}
      <label>
        <span>新名称</span>
        <input value={name} onChange={(e) => setName(e.target.value)} name="name" disabled={!chosen} />
        <FieldMessage error={fields.name} />
      </label>
      <label>
        <span>新的上级机关</span>
        <select value={parentId} onChange={(e) => setParentId(e.target.value)} name="parentId" disabled={!chosen}>
          <option value="">（无，顶级）</option>
          <AgencyOptions agencies={agencies} except={agencyId} />
        </select>
        <FieldMessage error={fields.parentId} />
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary" disabled={!hydrated || busy}>
        保存机关
      </button>
    </form>
  )
}
