'use client'
/**
 * The board's table (decision 0270): one row per agency, with a box to choose it for 催报 or for
 * a roll-up of a selection. Rows come from lib/services/board.ts; times in China time.
 */
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { runRollup, sendReminders } from '@/lib/api-client'
import { chinaDateTime } from '@/lib/china-time'
import type { BoardEntry } from '@/lib/services/board'

/**
 * The columns after 机关, each header one word (decision 0540): a shortening shows its full name
 * in <abbr title>; 同级雷同 says in its title what it measures.
 */
const COLUMNS: readonly { label: string; abbr?: string; title?: string }[] = [
  { label: '状态' },
  { label: '错误' },
  { label: '警告' },
  { label: '意见', abbr: '待处理意见' },
  { label: '同级雷同', title: '正文与同年度其他机关年报相同或几乎相同的比例（规则 L12）' },
  { label: '截止', abbr: '截止日期' },
  { label: '提交', abbr: '提交审核日期' },
  { label: '审核', abbr: '审核通过日期' },
  { label: '发布', abbr: '发布日期' },
  { label: '最近活动' },
]

const day = (iso: string | null) => (iso ? chinaDateTime(iso).split(' ')[0] : '')

/** A report's share of narrative repeated in sibling agencies' reports (lib/services/sibling-similarity.ts). */
export interface RowSimilarity {
  percent: number
  above: boolean
  repeated: number
}

export function BoardTable({
  governmentId,
  year,
  rows,
  similarity = {},
}: {
  governmentId: string
  year: number
  rows: BoardEntry[]
  similarity?: Record<string, RowSimilarity>
}) {
  const router = useRouter()
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [message, setMessage] = useState('')
  const [note, setNote] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const unpublished = rows.filter((r) => r.state !== 'published' && r.state !== 'correcting').map((r) => r.agencyId)

  async function remind() {
    setBusy(true)
    const answer = await sendReminders(governmentId, { year, agencyIds: [...chosen], message: message || undefined })
    setBusy(false)
    if (!answer.ok) return setNote(answer.error.message)
    const skipped = answer.data.skipped.map((s) => `${s.agencyName}（${s.reason}）`).join('、')
    setNote(
      `已向${answer.data.agencies}个机关的${answer.data.officers}名填报人发出催报。${skipped ? `未催报：${skipped}。` : ''}`,
    )
    setChosen(new Set())
  }

  async function rollup(selection: boolean, basis: 'approved' | 'latest') {
    setBusy(true)
    const answer = await runRollup(governmentId, { year, basis, ...(selection ? { agencyIds: [...chosen] } : {}) })
    setBusy(false)
    if (!answer.ok) return setNote(answer.error.message)
    router.push(`/board/rollup/${answer.data.id}`)
  }

  return (
    <>
      <div className="board-actions">
        <button type="button" onClick={() => setChosen(new Set(unpublished))} disabled={busy}>
          选择本页未发布的
        </button>
        <button type="button" onClick={() => setChosen(new Set())} disabled={busy || chosen.size === 0}>
          取消选择
        </button>
        <label>
          附言{' '}
          <input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} placeholder="可不填" />
        </label>
        <button type="button" onClick={remind} disabled={busy || chosen.size === 0}>
          催报所选（{chosen.size}）
        </button>
        <button type="button" onClick={() => rollup(false, 'approved')} disabled={busy}>
          汇总全部（已审核版本）
        </button>
        <button type="button" onClick={() => rollup(false, 'latest')} disabled={busy}>
          汇总全部（含未审核）
        </button>
        <button type="button" onClick={() => rollup(true, 'latest')} disabled={busy || chosen.size === 0}>
          汇总所选
        </button>
      </div>
      {note ? (
        <p className="hint" role="status">
          {note}
        </p>
      ) : null}
      {/* The agency column stays in view while a phone scrolls the rest sideways (decision 0540). */}
      <div className="table-scroll board-table-scroll">
        <table className="list-table board-table" data-testid="board-table">
          <thead>
            <tr>
              <th scope="col" className="board-agency">
                机关
              </th>
              {COLUMNS.map((c) => (
                <th key={c.label} scope="col" title={c.title}>
                  {c.abbr ? <abbr title={c.abbr}>{c.label}</abbr> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.agencyId}
                data-agency={r.agencyName}
                data-state={r.state}
                className={r.deadlineStatus.kind === 'overdue' ? 'overdue' : undefined}
              >
                <th scope="row" className="board-agency">
                  <input
                    type="checkbox"
                    aria-label={`选择${r.agencyName}`}
                    checked={chosen.has(r.agencyId)}
                    onChange={() => toggle(r.agencyId)}
                  />
                  {r.reportId ? <a href={`/reports/${r.reportId}`}>{r.agencyName}</a> : <span>{r.agencyName}</span>}
                </th>
                <td>
                  <span className={`status status-${r.state}`}>{r.stateLabel}</span>
                </td>
                <td className={`num${r.errorCount ? ' bad' : ''}`}>{r.errorCount ?? ''}</td>
                <td className="num">{r.warningCount ?? ''}</td>
                <td className="num">{r.reportId ? r.openComments : ''}</td>
                <td className="num">
                  <SiblingShare governmentId={governmentId} reportId={r.reportId} similarity={similarity} />
                </td>
                <td className="when">
                  {r.deadline}
                  <br />
                  <small className={`deadline-${r.deadlineStatus.kind}`} data-deadline={r.deadlineStatus.kind}>
                    {r.deadlineStatus.kind === 'overdue' ? '⚠ ' : ''}
                    {r.deadlineStatus.label}
                  </small>
                </td>
                <td className="when">{day(r.submittedAt)}</td>
                <td className="when">{day(r.approvedAt)}</td>
                <td className="when">
                  {day(r.publishedAt)}
                  {r.publishedLateDays ? (
                    <>
                      <br />
                      <small className="deadline-overdue" data-published-late={r.publishedLateDays}>
                        逾期发布{r.publishedLateDays}天
                      </small>
                    </>
                  ) : null}
                </td>
                <td className="when">
                  <DateThenTime iso={r.lastActivityAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** A date and time as two lines, the time under the date: a column as wide as a date. */
function DateThenTime({ iso }: { iso: string | null }) {
  const [date, time] = chinaDateTime(iso).split(' ')
  return (
    <>
      {date}
      {time ? (
        <>
          <br />
          <small className="muted">{time}</small>
        </>
      ) : null}
    </>
  )
}

/** The share with a warning mark above 50 %, linking to the paragraphs and whose they repeat. */
function SiblingShare({
  governmentId,
  reportId,
  similarity,
}: {
  governmentId: string
  reportId: string | null
  similarity: Record<string, RowSimilarity>
}) {
  const s = reportId ? similarity[reportId] : undefined
  if (!reportId || !s) return null
  if (s.repeated === 0) return <span className="muted">0%</span>
  return (
    <a
      href={`/board/siblings/${reportId}?gov=${encodeURIComponent(governmentId)}`}
      className={s.above ? 'sibling-share sibling-share-above' : 'sibling-share'}
      data-sibling-share={s.percent}
      data-above={s.above ? '1' : undefined}
      title={`${s.repeated}段与同级机关年报相同或几乎相同`}
    >
      {s.above ? '⚠ ' : ''}
      {s.percent}%
    </a>
  )
}
