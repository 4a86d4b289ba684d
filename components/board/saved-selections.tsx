'use client'
/**
 * 汇总范围 (decision 0411): the government's saved selections of agencies, each rolled up in one
 * click, edited (name and agencies) or deleted. The agencies to choose from load when the editor
 * opens (a board may have thousands); quick picks choose every department or every township.
 */
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'
import { createSelection, deleteSelection, listSelections, runRollup, updateSelection } from '@/lib/api-client'
import type { AgencyChoice, AgencySelectionView } from '@/lib/services/agency-selections'

interface Draft {
  id: string | null
  name: string
  chosen: Set<string>
}

export function SavedSelections({
  governmentId,
  year,
  initial,
}: {
  governmentId: string
  year: number
  initial: AgencySelectionView[]
}) {
  const router = useRouter()
  const [selections, setSelections] = useState(initial)
  const [agencies, setAgencies] = useState<AgencyChoice[] | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function refresh() {
    const answer = await listSelections(governmentId)
    if (!answer.ok) return setNote(answer.error.message)
    setSelections(answer.data.selections)
    setAgencies(answer.data.agencies)
  }

  async function edit(selection: AgencySelectionView | null) {
    setNote(null)
    setConfirming(null)
    if (!agencies) await refresh()
    setDraft({
      id: selection?.id ?? null,
      name: selection?.name ?? '',
      chosen: new Set(selection?.agencies.map((a) => a.id) ?? []),
    })
  }

  async function save() {
    if (!draft) return
    setBusy(true)
    const input = { name: draft.name, agencyIds: [...draft.chosen] }
    const answer = draft.id
      ? await updateSelection(governmentId, draft.id, input)
      : await createSelection(governmentId, input)
    setBusy(false)
    if (!answer.ok) return setNote(answer.error.message)
    setDraft(null)
    setNote(`已保存汇总范围“${answer.data.name}”（${answer.data.agencies.length}个机关）。`)
    await refresh()
  }

  async function remove(selection: AgencySelectionView) {
    setBusy(true)
    const answer = await deleteSelection(governmentId, selection.id)
    setBusy(false)
    setConfirming(null)
    if (!answer.ok) return setNote(answer.error.message)
    setNote(`已删除汇总范围“${selection.name}”。`)
    setSelections((list) => list.filter((s) => s.id !== selection.id))
  }

  async function rollup(selection: AgencySelectionView, basis: 'approved' | 'latest') {
    setBusy(true)
    const answer = await runRollup(governmentId, { year, basis, selectionId: selection.id })
    setBusy(false)
    if (!answer.ok) return setNote(answer.error.message)
    router.push(`/board/rollup/${answer.data.id}`)
  }

  return (
    <section className="card saved-selections" aria-labelledby="selections-title">
      <h2 id="selections-title">汇总范围</h2>
      <p className="hint">保存常用的机关组合（如乡镇街道、区直部门），以后各年度汇总时直接选用。</p>
      {selections.length > 0 ? (
        <div className="table-scroll">
          <table className="list-table" data-testid="selections">
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">机关</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {selections.map((s) => (
                <tr key={s.id} data-selection={s.name}>
                  <td>{s.name}</td>
                  <td>
                    <span data-selection-count>{s.agencies.length}</span>个
                    {s.gone.length > 0 ? (
                      <small className="bad">（另有{s.gone.length}个已不在本级政府之下）</small>
                    ) : null}
                  </td>
                  <td className="selection-actions">
                    <button type="button" onClick={() => rollup(s, 'approved')} disabled={busy}>
                      汇总（已审核版本）
                    </button>
                    <button type="button" onClick={() => rollup(s, 'latest')} disabled={busy}>
                      汇总（含未审核）
                    </button>
                    <button type="button" onClick={() => edit(s)} disabled={busy}>
                      修改
                    </button>
                    {confirming === s.id ? (
                      <>
                        <span>确定删除“{s.name}”？</span>
                        <button type="button" onClick={() => remove(s)} disabled={busy}>
                          确定删除
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          取消
                        </button>
                      </>
                    ) : (
                      <button type="button" onClick={() => setConfirming(s.id)} disabled={busy}>
                        删除
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">还没有保存的汇总范围。</p>
      )}
      {draft ? (
        <SelectionEditor
          draft={draft}
          agencies={agencies ?? []}
          governmentId={governmentId}
          busy={busy}
          onChange={setDraft}
          onSave={save}
          onCancel={() => setDraft(null)}
        />
      ) : (
        <button type="button" onClick={() => edit(null)} disabled={busy}>
          新建汇总范围
        </button>
      )}
      {note ? (
        <p className="hint" role="status">
          {note}
        </p>
      ) : null}
    </section>
  )
}

function SelectionEditor({
  draft,
  agencies,
  governmentId,
  busy,
  onChange,
  onSave,
  onCancel,
}: {
  draft: Draft
  agencies: AgencyChoice[]
  governmentId: string
  busy: boolean
  onChange: (draft: Draft) => void
  onSave: () => void
  onCancel: () => void
}) {
  const [filter, setFilter] = useState('')
  const shown = useMemo(
    () => (filter.trim() ? agencies.filter((a) => a.name.includes(filter.trim())) : agencies),
    [agencies, filter],
  )
  const set = (ids: Iterable<string>, on: boolean) => {
    const chosen = new Set(draft.chosen)
    for (const id of ids) {
      if (on) chosen.add(id)
      else chosen.delete(id)
    }
    onChange({ ...draft, chosen })
  }
  // 乡镇街道: the governments under this one; 部门: every department.
  const towns = agencies.filter((a) => a.type === 'government' && a.id !== governmentId).map((a) => a.id)
  const departments = agencies.filter((a) => a.type === 'department').map((a) => a.id)
  return (
    <form
      className="selection-editor"
      aria-label={draft.id ? '修改汇总范围' : '新建汇总范围'}
      onSubmit={(e) => {
        e.preventDefault()
        onSave()
      }}
    >
      <label>
        名称
        <input
          value={draft.name}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
          maxLength={30}
          placeholder="如：乡镇街道"
        />
      </label>
      <div className="board-actions">
        <button type="button" onClick={() => set(departments, true)} disabled={departments.length === 0}>
          选择全部部门（{departments.length}）
        </button>
        <button type="button" onClick={() => set(towns, true)} disabled={towns.length === 0}>
          选择全部下级政府（{towns.length}）
        </button>
        <button
          type="button"
          onClick={() =>
            set(
              shown.map((a) => a.id),
              true,
            )
          }
        >
          选择筛选出的
        </button>
        <button type="button" onClick={() => onChange({ ...draft, chosen: new Set() })}>
          清空
        </button>
      </div>
      <label>
        筛选机关
        <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="机关名称" />
      </label>
      <fieldset className="selection-agencies">
        <legend>
          机关（已选 <span data-chosen-count>{draft.chosen.size}</span> 个）
        </legend>
        {shown.map((a) => (
          <label key={a.id} className="inline">
            <input type="checkbox" checked={draft.chosen.has(a.id)} onChange={(e) => set([a.id], e.target.checked)} />
            {a.name}
          </label>
        ))}
      </fieldset>
      <div className="board-actions">
        <button type="submit" disabled={busy}>
          保存汇总范围
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}
