'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { AgencyChoice, AgencyOptions, Feedback, type Message } from '@/components/admin/form-parts'
import { useHydrated } from '@/components/use-hydrated'
import { setAgencyPredecessor } from '@/lib/api-client'

type Agency = { id: string; name: string; code: string; predecessorId: string | null }

/**
 * 机构改革: the administrator names the agency an agency replaced. Its reports then stand for
 * this agency's earlier years (上年结转 and the cross-year checks read them).
 */
export function PredecessorForm({ agencies }: { agencies: Agency[] }) {
  const hydrated = useHydrated()
  const router = useRouter()
  const [agencyId, setAgencyId] = useState('')
  const [predecessorId, setPredecessorId] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message>(null)

  const choose = (id: string) => {
    setAgencyId(id)
    setPredecessorId(agencies.find((a) => a.id === id)?.predecessorId ?? '')
    setMessage(null)
  }

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (!agencyId) {
      setMessage({ kind: 'error', text: '请选择机关' })
      return
    }
    setBusy(true)
    setMessage(null)
    const result = await setAgencyPredecessor(agencyId, predecessorId || null)
    setBusy(false)
    if (result.ok) {
      setMessage({
        kind: 'ok',
        text: result.data.predecessorName
          ? `已设置：${result.data.name}的前身为${result.data.predecessorName}。`
          : `已取消${result.data.name}的前身。`,
      })
      router.refresh()
    } else {
      const field = result.error.fields.predecessorId
      setMessage({
        kind: 'error',
        text: field && field !== result.error.message ? `${result.error.message}（${field}）` : result.error.message,
      })
    }
  }

  return (
    <form method="post" className="card" aria-label="设置前身机关" noValidate onSubmit={onSubmit}>
      <h2>设置前身机关（机构改革）</h2>
      <p className="hint">设置后，本机关新建年报的上年结转和跨年度核对将使用前身机关的上年度年报。</p>
      <AgencyChoice agencies={agencies} value={agencyId} onChoose={choose} />
      <label>
        <span>前身机关</span>
        <select value={predecessorId} onChange={(e) => setPredecessorId(e.target.value)} name="predecessorId">
          <option value="">（无）</option>
          <AgencyOptions agencies={agencies} except={agencyId} />
        </select>
      </label>
      <Feedback message={message} />
      <button type="submit" className="primary" disabled={!hydrated || busy}>
        保存前身机关
      </button>
    </form>
  )
}
