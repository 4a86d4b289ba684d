'use client'
/** Runs the roll-up again over the same agencies (list or saved selection) and writes it into the 全区汇总 report. */
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { runRollup } from '@/lib/api-client'

export function StoreRollupButton(props: {
  governmentId: string
  year: number
  basis: 'approved' | 'latest'
  agencyIds?: string[] | null
  selectionId?: string | null
}) {
  const router = useRouter()
  const [note, setNote] = useState<string | null>(null)
  async function store() {
    const answer = await runRollup(props.governmentId, {
      year: props.year,
      basis: props.basis,
      store: true,
      ...(props.agencyIds ? { agencyIds: props.agencyIds } : {}),
      ...(props.selectionId ? { selectionId: props.selectionId } : {}),
    })
    if (!answer.ok) return setNote(answer.error.message)
    router.push(`/board/rollup/${answer.data.id}`)
  }
  return (
    <>
      <button type="button" onClick={store}>
        保存为全区汇总年报
      </button>
      {note ? <span role="alert"> {note}</span> : null}
    </>
  )
}
