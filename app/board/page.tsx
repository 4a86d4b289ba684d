import { forbidden } from 'next/navigation'
import { BoardChartsView } from '@/components/board/board-charts'
import { BoardSettings } from '@/components/board/board-settings'
import { BoardTable } from '@/components/board/board-table'
import { BulkDownload } from '@/components/board/bulk-download'
import { SavedSelections } from '@/components/board/saved-selections'
import { PortalEmbed } from '@/components/portal/portal-embed'
import { requireUser } from '@/lib/auth/guards'
import { boardPageQuery } from '@/lib/requests/board'
import { savedSelections } from '@/lib/services/agency-selections'
import { BOARD_STATES, boardGovernments, yearBoard } from '@/lib/services/board'
import { boardCharts } from '@/lib/services/board-charts'
import { latestBulkDownload } from '@/lib/services/bulk-download'
import { governmentSettings } from '@/lib/services/government-settings'
import { runDueReminders } from '@/lib/services/notices'
import { yearSiblings } from '@/lib/services/sibling-similarity'

export const dynamic = 'force-dynamic'

type Query = Record<string, string | string[] | undefined>

/** 填报进度: the 政务公开办's year board of every agency under its government (decision 0270). */
export default async function BoardPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser('/board')
  const raw = await searchParams
  const first = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k])
  const q = boardPageQuery.parse(Object.fromEntries(Object.keys(raw).map((k) => [k, first(k)])))
  const governments = await boardGovernments(user)
  if (governments.length === 0) forbidden()
  const government = governments.find((g) => g.id === q.gov) ?? governments[0]
  // Automatic reminders run when a board is opened (and by `npm run remind`): once each, whoever runs them.
  await runDueReminders(government.id)
  const board = await yearBoard(user, government.id, {
    year: q.year,
    states: q.state ? [q.state] : undefined,
    overdue: q.overdue,
    publishedLate: q.late,
    hasErrors: q.errors,
    name: q.name,
    page: q.page,
  })
  const settings = await governmentSettings(government.id)
  // Text repeated between sibling agencies' reports (L12, decision 0420): the rows of this page.
  // A year changed since the last comparison shows that one while the new one is computed.
  const siblings = await yearSiblings(user, government.id, board.year, { stale: true })
  const similarity = Object.fromEntries(
    board.rows.flatMap((r) => {
      const s = r.reportId ? siblings.summaries.get(r.reportId) : undefined
      return s ? [[s.reportId, { percent: s.percent, above: s.above, repeated: s.repeated }]] : []
    }),
  )
  const charts = await boardCharts(user, government.id, board.year, board.today)
  const download = await latestBulkDownload(user, government.id, board.year)
  const selections = await savedSelections(user, government.id)
  const link = (page: number) => {
    const params = new URLSearchParams()
    params.set('gov', government.id)
    params.set('year', String(board.year))
    if (q.state) params.set('state', q.state)
    if (q.overdue) params.set('overdue', '1')
    if (q.late) params.set('late', '1')
    if (q.errors) params.set('errors', '1')
    if (q.name) params.set('name', q.name)
    params.set('page', String(page))
    return `/board?${params}`
  }
  const c = board.counts
  return (
    <main className="page board">
      <h1>
        填报进度 · {board.government.name} · <span className="nowrap">{board.year} 年度</span>
      </h1>
      <ul className="board-counts" aria-label="统计">
        <li>
          已发布{' '}
          <strong data-count="published">
            {c.published}/{c.total}
          </strong>
          {c.correcting ? <small>（其中更正中 {c.correcting}）</small> : null}
        </li>
        <li className={c.overdue ? 'bad' : undefined}>
          逾期 <strong data-count="overdue">{c.overdue}</strong>
        </li>
        <li className={c.publishedLate ? 'bad' : undefined}>
          逾期发布 <strong data-count="published-late">{c.publishedLate}</strong>
        </li>
        {c.withdrawn ? (
          <li className="bad">
            已撤回发布 <strong data-count="withdrawn">{c.withdrawn}</strong>
          </li>
        ) : null}
        <li>
          未创建 <strong data-count="none">{c.notCreated}</strong>
        </li>
        <li>
          待审核 <strong data-count="submitted">{c.submitted}</strong>
        </li>
        <li>
          已审核待发布 <strong data-count="approved">{c.approved}</strong>
        </li>
        <li>
          有错误 <strong data-count="errors">{c.withErrors}</strong>
        </li>
        <li className={siblings.above ? 'bad' : undefined} title="正文与同年度其他机关年报重复超过50%（规则 L12）">
          同级雷同超过50% <strong data-count="sibling-above">{siblings.above}</strong>
        </li>
      </ul>
      <form className="year-filter board-filter" method="get">
        {governments.length > 1 ? (
          <label>
            政府{' '}
            <select name="gov" defaultValue={government.id}>
              {governments.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="gov" value={government.id} />
        )}
        <label>
          年度{' '}
          <select name="year" defaultValue={board.year}>
            {board.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          状态{' '}
          <select name="state" defaultValue={q.state ?? ''}>
            <option value="">全部</option>
            {BOARD_STATES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue} /> 仅逾期
        </label>
        <label>
          <input type="checkbox" name="late" value="1" defaultChecked={q.late} /> 仅逾期发布
        </label>
        <label>
          <input type="checkbox" name="errors" value="1" defaultChecked={q.errors} /> 仅有错误
        </label>
        <label>
          机关名称 <input name="name" defaultValue={q.name ?? ''} size={10} />
        </label>
        <button type="submit">查看</button>
      </form>
      <p className="hint">
        截止日期：部门 {board.deadlines.department}，人民政府 {board.deadlines.government}
        （条例第四十九条；本级可在下方修改）。共 {board.matching} 个机关符合条件。
        {siblings.current ? null : (
          <span data-testid="siblings-updating">
            {' '}
            同级雷同比例为最近一次计算的结果，正在按最新内容重新计算，稍后刷新可见。
          </span>
        )}
      </p>
      <BoardTable governmentId={government.id} year={board.year} rows={board.rows} similarity={similarity} />
      {board.pages > 1 ? (
        <nav className="pager" aria-label="翻页">
          {board.page > 1 ? <a href={link(board.page - 1)}>上一页</a> : <span className="muted">上一页</span>}
          <span>
            第 {board.page} / {board.pages} 页
          </span>
          {board.page < board.pages ? <a href={link(board.page + 1)}>下一页</a> : <span className="muted">下一页</span>}
        </nav>
      ) : null}
      <SavedSelections governmentId={government.id} year={board.year} initial={selections} />
      <BulkDownload governmentId={government.id} year={board.year} initial={download} />
      <h2>图表</h2>
      <BoardChartsView charts={charts} />
      <details className="card">
        <summary>截止日期与自动提醒</summary>
        <BoardSettings settings={settings} />
      </details>
      <PortalEmbed governmentId={government.id} portalOrigin={settings.portalOrigin} year={board.year} />
    </main>
  )
}
