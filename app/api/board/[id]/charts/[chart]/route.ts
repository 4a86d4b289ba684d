import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { contentDisposition } from '@/lib/export/document-export'
import { chartParams, chartQuery } from '@/lib/requests/board'
import { boardCharts } from '@/lib/services/board-charts'

const NAMES = { progress: '填报进度', outcomes: '申请办理结果', years: '历年申请办理情况' } as const

/** One of the board's charts as an .svg file (the government's coordinator or an administrator). */
export const GET = route(
  { params: chartParams, query: chartQuery, access: () => apiUser() },
  async ({ params, query, access }) => {
    const charts = await boardCharts(access, params.id, query.year)
    const name = `${charts.government.name}${query.year}年度${NAMES[params.chart]}.svg`
    return new Response(charts[params.chart].svg, {
      headers: {
        'content-type': 'image/svg+xml; charset=utf-8',
        'content-disposition': contentDisposition(name, `chart-${params.chart}-${query.year}.svg`),
        'cache-control': 'no-store',
      },
    })
  },
)
