import type { BoardCharts, ChartKind } from '@/lib/services/board-charts'

/** A day of the season as 1月31日. */
const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

function ChartFigure({
  kind,
  title,
  svg,
  href,
  children,
}: {
  kind: ChartKind
  title: string
  svg: string
  href: string
  children: React.ReactNode
}) {
  const id = `chart-${kind}`
  return (
    <figure className="board-chart" data-chart={kind} aria-labelledby={`${id}-caption`}>
      {/* Drawn on the server by ECharts (lib/charts/render.ts): text stays text, no script. */}
      <div
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-caption`}
        // On a phone the drawing scrolls sideways: the keyboard reaches it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: our own SVG, drawn on the server from numbers and format labels
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <figcaption id={`${id}-caption`}>
        {title}{' '}
        <a href={href} download className="no-print">
          下载 SVG
        </a>
      </figcaption>
      <details className="chart-data">
        <summary>数据表</summary>
        {children}
      </details>
    </figure>
  )
}

/** The board's three charts, each with its numbers as a table for screen readers and print. */
export function BoardChartsView({ charts }: { charts: BoardCharts }) {
  const base = `/api/board/${encodeURIComponent(charts.government.id)}/charts`
  const q = `?year=${charts.year}`
  const { progress, outcomes, years } = charts
  // The days a count changed, and the deadlines: the table a reader needs, not every day.
  const marks = new Set(progress.data.deadlines.map((d) => d.date))
  const steps = progress.data.days
    .map((day, i) => ({
      day,
      submitted: progress.data.submitted[i],
      approved: progress.data.approved[i],
      published: progress.data.published[i],
      changed:
        i === 0 ||
        progress.data.submitted[i] !== progress.data.submitted[i - 1] ||
        progress.data.approved[i] !== progress.data.approved[i - 1] ||
        progress.data.published[i] !== progress.data.published[i - 1],
    }))
    .filter((s, i, all) => s.changed || marks.has(s.day) || i === all.length - 1)
  const outcomeTotal = outcomes.data.reduce((s, x) => s + x.value, 0)
  return (
    <section className="board-charts" aria-label="图表">
      <ChartFigure
        kind="progress"
        title={`填报进度：至各日累计已提交、已审核、已发布的年报数（共 ${progress.data.total} 个机关；红线为截止日期）`}
        svg={progress.svg}
        href={`${base}/progress${q}`}
      >
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">已提交</th>
              <th scope="col">已审核</th>
              <th scope="col">已发布</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.day}>
                <th scope="row">
                  {md(s.day)}
                  {progress.data.deadlines
                    .filter((d) => d.date === s.day)
                    .map((d) => `（${d.label}截止）`)
                    .join('')}
                </th>
                <td>{s.submitted}</td>
                <td>{s.approved}</td>
                <td>{s.published}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
      <ChartFigure
        kind="outcomes"
        title={`${charts.year}年度申请办理结果占比（表三，${outcomes.reports} 份已审核年报，共 ${outcomeTotal} 件）`}
        svg={outcomes.svg}
        href={`${base}/outcomes${q}`}
      >
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">办理结果</th>
              <th scope="col">件数</th>
              <th scope="col">占比</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.data.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{s.value}</td>
                <td>{outcomeTotal ? `${((s.value / outcomeTotal) * 100).toFixed(1)}%` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
      <ChartFigure
        kind="years"
        title="历年申请办理情况（表三，各年已审核年报合计）"
        svg={years.svg}
        href={`${base}/years${q}`}
      >
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">年报数</th>
              {years.data.rows.map((r) => (
                <th key={r.key} scope="col">
                  {r.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.data.years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{y.reports}</td>
                {years.data.rows.map((r) => (
                  <td key={r.key}>{y.values[r.key] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
    </section>
  )
}
