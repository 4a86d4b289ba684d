/**
 * The board's charts drawn as SVG on the server with ECharts (decision 0350): no chart script in
 * the browser, the same file inline on the page, in print and as a download. Text stays text
 * (<text> elements), so it prints sharp and can be searched.
 */
import * as echarts from 'echarts'
import type { ProgressSeries, Share, YearTotals } from './board-charts'

export const CHART_WIDTH = 720
export const CHART_HEIGHT = 360

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'
// Colours that stay apart in grey print too (dark, mid, light), then more.
const COLORS = ['#1f4e8c', '#d9822b', '#3a9a5b', '#8c2f39', '#6b5b95', '#7f7f7f']

function render(option: echarts.EChartsOption, width = CHART_WIDTH, height = CHART_HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: FONT }, ...option })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

export function progressSvg(series: ProgressSeries): string {
  // A season that runs into another year (reports filed late) names the year on every day.
  const multiYear = series.days.length > 0 && series.days[0].slice(0, 4) !== series.days.at(-1)?.slice(0, 4)
  const day = (d: string) => (multiYear ? `${d.slice(0, 4)}年${md(d)}` : md(d))
  const names = { submitted: '已提交', approved: '已审核', published: '已发布' } as const
  return render({
    title: { text: `填报进度（共 ${series.total} 个机关）`, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 64 },
    xAxis: {
      type: 'category',
      data: series.days.map(day),
      boundaryGap: false,
      // A day with its year is twice as wide: fewer of them, none drawn over another.
      axisLabel: {
        interval: Math.max(0, Math.ceil(series.days.length / (multiYear ? 5 : 8)) - 1),
        hideOverlap: true,
      },
    },
    yAxis: { type: 'value', max: Math.max(1, series.total), minInterval: 1 },
    series: (['submitted', 'approved', 'published'] as const).map((key, i) => ({
      name: names[key],
      type: 'line',
      step: 'end',
      symbol: 'none',
      data: series[key],
      lineStyle: { width: 2, type: i === 1 ? 'dashed' : 'solid' },
      ...(i === 0
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#b00020', type: 'solid' },
              label: { formatter: '{b}', position: 'insideEndTop', color: '#b00020' },
              data: series.deadlines
                .filter((d) => series.days.includes(d.date))
                .map((d) => ({ name: `${d.label}截止 ${md(d.date)}`, xAxis: day(d.date) })),
            },
          }
        : {}),
    })),
  })
}

export function outcomeSvg(shares: readonly Share[], title: string): string {
  const total = shares.reduce((s, x) => s + x.value, 0)
  return render({
    title: { text: `${title}（共 ${total} 件）`, left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['32%', '62%'],
        center: ['50%', '50%'],
        label: { formatter: '{b}\n{c}件 {d}%' },
        data: shares.filter((s) => s.value > 0).map((s) => ({ name: s.short, value: s.value })),
      },
    ],
  })
}

export function yearsSvg(totals: YearTotals): string {
  return render({
    title: { text: '历年申请办理情况（表三）', left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 64 },
    xAxis: { type: 'category', data: totals.years.map((y) => `${y.year}年`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: totals.rows.map((row) => ({
      name: row.short,
      type: 'bar',
      label: { show: totals.years.length * totals.rows.length <= 24, position: 'top', fontSize: 10 },
      data: totals.years.map((y) => y.values[row.key]),
    })),
  })
}
