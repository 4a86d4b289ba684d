/**
 * The revision of the public pages' markup (decision 0401), part of every page's ETag: a hash of
 * what lib/public/pages.ts renders for a fixed sample that takes every branch (the column of all
 * years and of one, a current, a corrected, a superseded and a withdrawn version, a roll-up, a
 * stored page the header cannot be put into, the changes page with and without changes, the
 * misses). A change of the markup, the CSS, a label or a date format changes the output and so
 * the revision, without anyone bumping a number; the same build gives the same revision on
 * every instance. Computed once per process, on the first page.
 */
import { createHash } from 'node:crypto'
import { CURRENT_FORMAT } from '@/lib/format/index'
import type { PublishedFileMeta } from '@/lib/data/public-table'
import type { PublicEntry, PublicReport, PublicVersion } from '@/lib/services/public-column'
import {
  changesPage,
  columnPage,
  notFoundPage,
  reportPage,
  unavailablePage,
  withdrawnFilePage,
  withdrawnOrBarePage,
} from './pages'

const version = (number: number, more: Partial<PublicVersion> = {}): PublicVersion => ({
  versionId: `sample-v${number}`,
  number,
  approvedAt: new Date(Date.UTC(2022, 0, 10 + number, 2, 30)),
  publishedAt: new Date(Date.UTC(2022, 0, 12 + number, 3, 45)),
  publishedByName: '样例发布人',
  correctionNote: null,
  withdrawnAt: null,
  withdrawnReason: null,
  ...more,
})

const v1 = version(1)
const v2 = version(2, { correctionNote: '更正了表三第一行的数字。' })
const v3 = version(3, { withdrawnAt: new Date(Date.UTC(2022, 2, 1, 8)), withdrawnReason: '样例撤回理由' })

const entry = (more: Partial<PublicEntry>, versions: PublicVersion[]): PublicEntry => ({
  agencyCode: 'sample-dept',
  agencyName: '样例局',
  kind: 'report',
  scope: 'own',
  year: 2021,
  formatVersion: CURRENT_FORMAT,
  reportId: 'sample-report',
  slug: 'sample-dept',
  versions,
  current: versions[versions.length - 1],
  ...more,
})

const government = { id: 'sample-gov', code: 'sample-gov', name: '样例区人民政府' }
const corrected = entry({}, [v1, v2])
const withdrawn = entry({ agencyCode: 'sample-other', agencyName: '样例办', slug: 'sample-other' }, [v1, v3])
const rollup = entry(
  { agencyCode: 'sample-gov', agencyName: government.name, kind: 'rollup', scope: 'all', slug: 'sample-gov.rollup' },
  [v1],
)
const older = entry({ year: 2020, formatVersion: '2019' }, [v1])

const files = (v: PublicVersion): PublishedFileMeta[] =>
  (['html', 'docx', 'pdf', 'json'] as const).map((kind, i) => ({
    id: `${v.versionId}-${kind}`,
    versionId: v.versionId,
    kind,
    fileName: `样例.${kind}`,
    mediaType: 'application/octet-stream',
    sha256: String(i).repeat(64),
    size: 900 + i * 20000,
  }))

const report = (e: PublicEntry, v: PublicVersion): PublicReport => ({
  government,
  entry: e,
  version: v,
  superseded: v.number !== e.current.number,
  files: v.withdrawnAt ? [] : files(v),
})

const STORED =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>样例</title></head><body><main><h1>样例</h1></main></body></html>'

/** Every page the column serves, for the fixed sample. */
export function samplePages(): string[] {
  const entries = [rollup, corrected, withdrawn, older]
  const change = {
    from: v1,
    to: v2,
    diff: {
      same: false,
      cells: [{ path: 'sample.cell', label: '样例行·样例列', sectionKey: 'applications', before: 1, after: 2 }],
      narratives: [
        {
          sectionKey: 'overview',
          heading: '样例部分',
          rows: [
            { kind: 'same' as const, before: '不变。', after: '不变。' },
            { kind: 'changed' as const, before: '旧段落。', after: '新段落。' },
            { kind: 'removed' as const, before: '删去的段落。', after: null },
            { kind: 'added' as const, before: null, after: '新增的段落。' },
          ],
        },
      ],
      explanations: [{ ruleId: 'S1', before: null, after: '样例说明。' }],
    },
  }
  return [
    columnPage({ government, year: null, entries }, [2021, 2020]),
    columnPage({ government, year: 2021, entries: [rollup, corrected, withdrawn] }, [2021, 2020]),
    columnPage({ government, year: null, entries: [] }, []),
    reportPage(report(corrected, v2), STORED),
    reportPage(report(corrected, v1), STORED),
    reportPage(report(rollup, v1), STORED),
    reportPage(report(corrected, v2), '<p>not the exporter’s document</p>'),
    withdrawnOrBarePage(report(withdrawn, v3)),
    withdrawnFilePage(report(withdrawn, v3)),
    changesPage(report(corrected, v2), [change]),
    changesPage(report(rollup, v1), []),
    notFoundPage(),
    unavailablePage('样例原因'),
  ]
}

let revision: string | null = null

/** The markup's revision: 16 hex digits of the SHA-256 of the sample pages. */
export function pagesRevision(): string {
  if (revision === null) {
    const hash = createHash('sha256')
    for (const page of samplePages()) hash.update(page).update('\0')
    revision = hash.digest('hex').slice(0, 16)
  }
  return revision
}
