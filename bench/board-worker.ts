/**
 * Run by bench/board.ts in its own process (DATABASE_URL set to a fresh SQLite file before
 * lib/db loads): seeds a government with 5,000 agencies and another with 1,000 approved reports,
 * then times the board page, the roll-up and the sibling similarity (L12 on the board, decision
 * 0420) through the service functions. The 1,000 reports carry narratives of each agency's own
 * (bench/years-texts.ts), with some copying: one in a hundred a neighbour's 总体情况, one in twenty
 * a paragraph, one in fifty every narrative of its neighbour. After the cold computations, one
 * report at a time is saved and the year computed again (siblings-1000-reports-one-saved-*).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { prisma } from '@/lib/db'
import { formatFor } from '@/lib/format/index'
import { narrativeTexts } from '@/lib/narrative/texts'
import { boardOf } from '@/lib/services/board'
import { rollupFor } from '@/lib/services/rollup'
import { clearSiblingCache, preparedCacheSize, siblingsOf } from '@/lib/services/sibling-similarity'
import { FIXTURE_NAMES, fixture as seedFixture } from '@/test/fixtures'
import { agencyName, agencyText, clausePool, seeded, setNarrative } from './years-texts'
import { frozenCells } from '@/lib/rollup/sum'

const YEAR = 2025
const STATES = ['draft', 'complete', 'submitted', 'returned', 'approved', 'published']

async function seed() {
  const fixture = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/zhangdian-gov-2021.json'), 'utf8'))
  await prisma.agency.createMany({
    data: [
      { id: 'bench-gov-a', code: 'bench-gov-a', name: '基准甲区人民政府', type: 'government' },
      { id: 'bench-gov-b', code: 'bench-gov-b', name: '基准乙区人民政府', type: 'government' },
    ],
  })
  const agencies = []
  for (let i = 0; i < 5000; i++) {
    agencies.push({
      id: `a${i}`,
      code: `bench-a-${i}`,
      name: `基准甲区第${i}局`,
      type: 'department',
      parentId: 'bench-gov-a',
    })
  }
  for (let i = 0; i < 1000; i++) {
    agencies.push({
      id: `b${i}`,
      code: `bench-b-${i}`,
      name: `基准乙区第${i}局`,
      type: 'department',
      parentId: 'bench-gov-b',
    })
  }
  await prisma.agency.createMany({ data: agencies })
  // Gov A: three in five agencies have a report, in every state.
  const reportsA = []
  for (let i = 0; i < 5000; i++) {
    if (i % 5 >= 3) continue
    reportsA.push({
      id: `ra${i}`,
      agencyId: `a${i}`,
      year: YEAR,
      formatVersion: '2021',
      status: STATES[i % STATES.length],
      content: '{}',
      errorCount: i % 7,
      warningCount: i % 3,
      blankCount: 0,
    })
  }
  await prisma.report.createMany({ data: reportsA })
  // Gov B: 1,000 approved reports with real content, each a little different, narratives of their own.
  const format = formatFor(fixture.formatVersion)
  if (!format) throw new Error('fixture format')
  const pool = clausePool(FIXTURE_NAMES.map((n) => seedFixture(n)))
  const seedTexts = narrativeTexts(format, fixture)
  const texts: Map<string, string>[] = []
  const reportsB = []
  const versions = []
  for (let i = 0; i < 1000; i++) {
    const report = structuredClone(fixture)
    report.agency = { ...report.agency, name: `基准乙区第${i}局` }
    report.sections.applications.newReceived.natural = i
    const r = seeded(i + 1)
    const mine = new Map(seedTexts.map((t) => [t.section, agencyText(t.text, agencyName(i), YEAR, pool, r)]))
    if (i % 50 === 25) for (const [k, v] of texts[i - 1]) mine.set(k, v)
    else if (i % 100 === 99) mine.set('overview', texts[i - 1].get('overview') as string)
    else if (i % 20 === 7) {
      const lines = (texts[i - 3].get('problemsImprovements') as string).split('\n')
      mine.set('problemsImprovements', `${mine.get('problemsImprovements')}\n${lines.at(-1)}`)
    }
    texts.push(mine)
    for (const [section, text] of mine) setNarrative(format, report, section, text)
    const content = JSON.stringify(report)
    reportsB.push({ id: `rb${i}`, agencyId: `b${i}`, year: YEAR, formatVersion: '2021', status: 'approved', content })
    versions.push({
      reportId: `rb${i}`,
      number: 1,
      content,
      contentVersion: 1,
      approvedAt: new Date(),
      approvedById: 'bench',
    })
  }
  await prisma.report.createMany({ data: reportsB })
  await prisma.reportVersion.createMany({ data: versions })
  // As approval writes them (lib/services/transitions.ts).
  const frozen = await prisma.reportVersion.findMany({
    where: { reportId: { startsWith: 'rb' } },
    select: { id: true, content: true },
  })
  await prisma.reportVersionCells.createMany({
    data: frozen.map((v) => ({ versionId: v.id, ...(frozenCells(v.content) as { paths: string; cells: string }) })),
  })
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

async function main() {
  await seed()
  const govA = { id: 'bench-gov-a', name: '基准甲区人民政府', code: 'bench-gov-a' }
  const boardTimes: number[] = []
  const filteredTimes: number[] = []
  // CPU time of this process (SQLite runs in it): less swayed than wall time by other work on the machine.
  const cpu = () => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1000
  }
  for (let i = 0; i < 5; i++) await boardOf(govA, { year: YEAR, today: '2026-02-15', page: 1 })
  const boardCpu0 = cpu()
  for (let i = 0; i < 40; i++) {
    let t = performance.now()
    await boardOf(govA, { year: YEAR, today: '2026-02-15', page: 1 + ((i * 37) % 100) })
    boardTimes.push(performance.now() - t)
    t = performance.now()
    await boardOf(govA, { year: YEAR, today: '2026-02-15', overdue: true, page: 1 + (i % 20) })
    filteredTimes.push(performance.now() - t)
  }
  const boardCpu = (cpu() - boardCpu0) / 80
  const admin = { id: 'bench', name: '基准', email: 'bench@bench', isAdmin: true, memberships: [] }
  const rollupTimes: number[] = []
  const rollupCpu0 = cpu()
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    const view = await rollupFor(admin, 'bench-gov-b', { year: YEAR })
    rollupTimes.push(performance.now() - t)
    if (view.result.agencies.length !== 1000) throw new Error(`roll-up summed ${view.result.agencies.length} reports`)
  }
  const rollupCpu = (cpu() - rollupCpu0) / 7
  // Sibling similarity: cold (the year's narratives read, grammed and compared), then warm (the
  // fingerprint read, the cached result returned), for 1,000 reports; warm on the 5,000-agency board.
  const coldTimes: number[] = []
  const coldCpu0 = cpu()
  let above = 0
  for (let i = 0; i < 3; i++) {
    clearSiblingCache()
    const t = performance.now()
    const year = await siblingsOf('bench-gov-b', YEAR)
    coldTimes.push(performance.now() - t)
    above = year.above
    if (year.reports !== 1000) throw new Error(`sibling similarity compared ${year.reports} reports`)
  }
  const coldCpu = (cpu() - coldCpu0) / 3
  // 20 agencies copy everything of a neighbour: both sides of each pair are above 50 %.
  if (above < 20 || above > 100) throw new Error(`${above} reports above 50 %`)
  // One report of the year saved (a paragraph added to its 总体情况, a new content version), then
  // the year again: the kept paragraphs of the other 999 are reused (decision 0550).
  const kept = preparedCacheSize()
  const oneSaveTimes: number[] = []
  let oneSaveCpu = 0
  const format = formatFor('2021')
  if (!format) throw new Error('format 2021')
  for (let i = 0; i < 5; i++) {
    const id = `rb${100 + i * 97}`
    const row = await prisma.report.findUniqueOrThrow({ where: { id }, select: { content: true, version: true } })
    const report = JSON.parse(row.content)
    const overview = narrativeTexts(format, report).find((t) => t.section === 'overview')?.text ?? ''
    setNarrative(
      format,
      report,
      'overview',
      `${overview}\n本年度第${i + 1}次补充说明：依申请公开工作按时办结，未发生逾期答复情形。`,
    )
    await prisma.report.update({ where: { id }, data: { content: JSON.stringify(report), version: row.version + 1 } })
    const c0 = cpu()
    const t = performance.now()
    const year = await siblingsOf('bench-gov-b', YEAR)
    oneSaveTimes.push(performance.now() - t)
    oneSaveCpu += cpu() - c0
    if (year.reports !== 1000 || !year.current) throw new Error('the year after one save')
  }
  const warmTimes: number[] = []
  const warmA: number[] = []
  await siblingsOf('bench-gov-a', YEAR)
  for (let i = 0; i < 20; i++) {
    let t = performance.now()
    await siblingsOf('bench-gov-b', YEAR)
    warmTimes.push(performance.now() - t)
    t = performance.now()
    await siblingsOf('bench-gov-a', YEAR)
    warmA.push(performance.now() - t)
  }
  const results = [
    { name: 'board-5000-agencies-page-p95', value: percentile(boardTimes, 95), unit: 'ms' },
    { name: 'board-5000-agencies-overdue-filter-p95', value: percentile(filteredTimes, 95), unit: 'ms' },
    { name: 'board-5000-agencies-page-cpu-mean', value: boardCpu, unit: 'ms' },
    { name: 'rollup-1000-reports-median', value: percentile(rollupTimes, 50), unit: 'ms' },
    { name: 'rollup-1000-reports-cpu-mean', value: rollupCpu, unit: 'ms' },
    { name: 'rollup-1000-reports-max', value: Math.max(...rollupTimes.slice(1)), unit: 'ms' },
    { name: 'siblings-1000-reports-cold-median', value: percentile(coldTimes, 50), unit: 'ms' },
    { name: 'siblings-1000-reports-cold-cpu-mean', value: coldCpu, unit: 'ms' },
    { name: 'siblings-1000-reports-one-saved-median', value: percentile(oneSaveTimes, 50), unit: 'ms' },
    { name: 'siblings-1000-reports-one-saved-cpu-mean', value: oneSaveCpu / oneSaveTimes.length, unit: 'ms' },
    { name: 'siblings-1000-reports-kept-mb', value: kept.bytes / 2 ** 20, unit: 'MB' },
    { name: 'siblings-1000-reports-warm-p95', value: percentile(warmTimes, 95), unit: 'ms' },
    { name: 'siblings-5000-agencies-warm-p95', value: percentile(warmA, 95), unit: 'ms' },
  ]
  process.stdout.write(`${JSON.stringify(results)}\n`)
  await prisma.$disconnect()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
