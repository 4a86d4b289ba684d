import { notFound } from 'next/navigation'
import { DrillDownTable, RollupTables } from '@/components/board/rollup-tables'
import { StoreRollupButton } from '@/components/board/store-rollup'
import { requireUser } from '@/lib/auth/guards'
import { chinaDateTime } from '@/lib/china-time'
import { formatFor } from '@/lib/format/index'
import { drillDown } from '@/lib/rollup/sum'
import { ServiceError } from '@/lib/services/errors'
import { BASIS_LABELS, readRollup } from '@/lib/services/rollup'

export const dynamic = 'force-dynamic'

/** A stored roll-up: the totals of tables 二、三、四, who was summed and who was left out, each total's drill-down. */
export default async function RollupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>
  searchParams: Promise<{ cell?: string | string[] }>
}) {
  const { id } = await params
  const user = await requireUser(`/board/rollup/${encodeURIComponent(id)}`)
  const view = await readRollup(user, id).catch((e) => {
    if (e instanceof ServiceError) notFound()
    throw e
  })
  const format = formatFor(view.result.formatVersion)
  if (!format) notFound()
  const cellParam = (await searchParams).cell
  const cell = typeof cellParam === 'string' ? cellParam : null
  const drill = cell ? drillDown(format, view.result, cell) : null
  const { result } = view
  return (
    <main className="page rollup">
      <h1>
        汇总 · {view.government.name} · {view.year} 年度
      </h1>
      <p className="hint">
        {format.version}年版格式；依据：{BASIS_LABELS[view.basis]}；
        {view.selection ? <span data-selection={view.selection.name}>汇总范围：{view.selection.name}；</span> : null}
        汇总于 {chinaDateTime(view.createdAt)}。计入 <strong data-count="included">{result.agencies.length}</strong>{' '}
        个机关，未计入 <strong data-count="excluded">{result.excluded.length}</strong>{' '}
        个。点击任一数字查看各机关的数字。
      </p>
      <p>
        <a href={`/board?gov=${view.government.id}&year=${view.year}`}>返回填报进度</a>{' '}
        <a href={`/api/rollups/${view.id}/xlsx`}>下载 Excel（.xlsx）</a>{' '}
        {view.reportId ? (
          <a href={`/reports/${view.reportId}`}>打开全区汇总年报</a>
        ) : (
          <StoreRollupButton
            governmentId={view.government.id}
            year={view.year}
            basis={view.basis}
            agencyIds={view.agencyIds}
            selectionId={view.selection?.id}
          />
        )}
      </p>
      {result.excluded.length > 0 ? (
        <section className="card" aria-label="未计入的机关">
          <h2>未计入的机关</h2>
          <ul data-testid="excluded">
            {result.excluded.map((e) => (
              <li key={e.agencyId} data-agency={e.agencyName}>
                {e.agencyName}：{e.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {result.mapped && result.mapped.length > 0 ? (
        <section className="card" aria-label="按另一版格式折算的机关">
          <h2>按另一版格式折算的机关</h2>
          <ul data-testid="mapped">
            {result.mapped.map((m) => (
              <li key={m.agencyId} data-agency={m.agencyName}>
                {m.agencyName}：{m.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.parentFindings && view.parentFindings.length > 0 ? (
        <section className="card" aria-label="全区与本级之和">
          <h2>本级政府全区年报与所辖机关本级年报之和</h2>
          <ul>
            {view.parentFindings.map((f) => (
              <li key={`${f.rule}-${f.path ?? ''}`} className={f.severity === 'error' ? 'bad' : undefined}>
                {f.rule} {f.message}
                {f.path ? (
                  <>
                    ：<a href={`?cell=${encodeURIComponent(f.path)}#drill`}>{f.label}</a> 全区年报 {String(f.parent)}
                    ，各机关之和 {f.children === null ? '未填' : String(f.children)}
                  </>
                ) : null}
                {f.agencies ? `：${f.agencies.map((a) => a.agencyName).join('、')}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {drill ? <DrillDownTable drill={drill} /> : null}
      <RollupTables
        format={format}
        result={result}
        chosen={cell}
        href={(path) => `?cell=${encodeURIComponent(path)}#drill`}
      />
    </main>
  )
}
