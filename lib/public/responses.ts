/**
 * The answers of the public column's routes (app/gk, decision 0301): address segments parsed,
 * the published data read, the page or file answered with the public headers (fixed script-free
 * CSP, ETag and 304, Cache-Control). Every address that is not a published report answers the
 * same 404. Each answer runs one statement (decision 0400); a 304 reads nothing more, and a built
 * page is kept under its ETag, so a request for an unchanged page does not build it again.
 */
import 'server-only'
import { contentDisposition } from '@/lib/export/document-export'
import {
  etagMatches,
  FILE_CACHE,
  MISS_CACHE,
  PAGE_CACHE,
  pageEtag,
  publicResponse,
} from '@/lib/security/public-headers'
import {
  parseFileSegment,
  parseVersionSegment,
  parseYear,
  publicChanges,
  publicColumn,
  publicFile,
  publicHtml,
  type PublicReport,
  publicReport,
} from '@/lib/services/public-column'
import { ByteLru } from '@/lib/byte-lru'
import { changesPage, columnPage, notFoundPage, reportPage, unavailablePage, withdrawnOrBarePage } from './pages'
import { pagesRevision } from './pages-revision'

const HTML = 'text/html; charset=utf-8'

/**
 * Built pages by ETag (the column's, the report pages'), decision 0400. The ETag is a hash of
 * everything a page is built from, read by the one statement every request runs anyway: a key
 * names one page, so an entry is never stale and instances need not agree. A page over an eighth
 * of the bound is not kept.
 */
const PAGES_LIMIT_BYTES = 32 * 1024 * 1024
const pages = new ByteLru<Buffer>(PAGES_LIMIT_BYTES, (page) => page.length, PAGES_LIMIT_BYTES / 8)

let notFoundBody: Buffer | null = null

/** The column's 404 page (also for addresses deeper than the routes: app/gk/.../[...rest]). */
export function notFound(request: Request): Response {
  notFoundBody ??= Buffer.from(notFoundPage(), 'utf8')
  return publicResponse(request, { status: 404, body: notFoundBody, contentType: HTML, cacheControl: MISS_CACHE })
}

/** /gk/{gov} and /gk/{gov}/{year}. */
export async function columnAnswer(request: Request, gov: string, yearSegment?: string): Promise<Response> {
  const year = yearSegment === undefined ? null : parseYear(yearSegment)
  if (yearSegment !== undefined && year === null) return notFound(request)
  const all = await publicColumn(gov)
  if (!all) return notFound(request)
  const years = [...new Set(all.entries.map((entry) => entry.year))]
  const column = year === null ? all : { ...all, year, entries: all.entries.filter((entry) => entry.year === year) }
  if (year !== null && column.entries.length === 0) return notFound(request)
  // The year links come from every year: a publication in another year changes this page too.
  const etag = pageEtag([pagesRevision(), 'column', year, years, all.government, column.entries])
  return publicResponse(request, {
    body: cachedUnlessFresh(request, etag, () => columnPage(column, years)),
    contentType: HTML,
    etag,
    cacheControl: PAGE_CACHE,
  })
}

/** The page under its ETag, built on a miss; nothing when the client's copy is current (a 304 follows). */
function cachedUnlessFresh(request: Request, etag: string, build: () => string): Buffer {
  if (etagMatches(request.headers.get('if-none-match'), etag)) return EMPTY
  return pages.get(etag) ?? pages.set(etag, Buffer.from(build(), 'utf8'))
}

const EMPTY = Buffer.alloc(0)

const reportEtag = (report: PublicReport, what: string) =>
  pageEtag([
    pagesRevision(),
    what,
    report.government,
    report.entry.agencyName,
    report.entry.versions,
    report.version.number,
    report.files.map((f) => [f.kind, f.sha256]),
  ])

/** /gk/{gov}/{year}/{agency} and /v{n}: the stored HTML page with the header and the record. */
export async function reportAnswer(
  request: Request,
  gov: string,
  yearSegment: string,
  slug: string,
  versionSegment?: string,
): Promise<Response> {
  const year = parseYear(yearSegment)
  const number = versionSegment === undefined ? null : parseVersionSegment(versionSegment)
  if (year === null || (versionSegment !== undefined && number === null)) return notFound(request)
  const report = await publicReport(gov, year, slug, number)
  if (!report) return notFound(request)
  return pageUnderEtag(request, reportEtag(report, 'report'), async () => {
    if (report.version.withdrawnAt) return withdrawnOrBarePage(report)
    const stored = await publicHtml(report)
    return stored ? reportPage(report, stored.toString('utf8')) : withdrawnOrBarePage(report)
  })
}

/**
 * A page under its ETag: a 304 when the client holds it (nothing read: the stored page, the
 * versions' contents), the page built before, or `build` once and kept.
 */
async function pageUnderEtag(request: Request, etag: string, build: () => Promise<string>): Promise<Response> {
  const respond = (body: Buffer) => publicResponse(request, { body, contentType: HTML, etag, cacheControl: PAGE_CACHE })
  if (etagMatches(request.headers.get('if-none-match'), etag)) return respond(EMPTY)
  const built = pages.get(etag)
  if (built) return respond(built)
  return respond(pages.set(etag, Buffer.from(await build(), 'utf8')))
}

/**
 * /gk/{gov}/{year}/{agency}/changes: the address's one statement gives the ETag (the versions
 * with their publication and withdrawal name the page: a published version's content never
 * changes); the contents are read and compared only when that page is not built yet.
 */
export async function changesAnswer(request: Request, gov: string, yearSegment: string, slug: string) {
  const year = parseYear(yearSegment)
  if (year === null) return notFound(request)
  const report = await publicReport(gov, year, slug)
  if (!report) return notFound(request)
  return pageUnderEtag(request, reportEtag(report, 'changes'), async () =>
    changesPage(report, await publicChanges(report)),
  )
}

/** Frozen files open in the browser, except Word, which downloads. */
const INLINE = new Set(['html', 'pdf', 'json'])

/** /gk/{gov}/{year}/{agency}/v{n}/report.{html,docx,pdf,json}: the stored bytes. */
export async function fileAnswer(
  request: Request,
  gov: string,
  yearSegment: string,
  slug: string,
  versionSegment: string,
  fileSegment: string,
): Promise<Response> {
  const year = parseYear(yearSegment)
  const number = parseVersionSegment(versionSegment)
  const kind = parseFileSegment(fileSegment)
  if (year === null || number === null || kind === null) return notFound(request)
  const result = await publicFile(gov, year, slug, number, kind)
  if (!result) return notFound(request)
  if (result.kind === 'withdrawn') {
    return publicResponse(request, {
      status: 410,
      body: withdrawnOrBarePage(result.report),
      contentType: HTML,
      cacheControl: MISS_CACHE,
    })
  }
  if (result.kind === 'unavailable') {
    return publicResponse(request, {
      status: 404,
      body: unavailablePage(`PDF 暂不可用：${result.reason}`),
      contentType: HTML,
      cacheControl: MISS_CACHE,
    })
  }
  const { meta, body } = result
  return publicResponse(request, {
    body,
    contentType: meta.mediaType,
    etag: `"${meta.sha256}"`,
    cacheControl: FILE_CACHE,
    contentDisposition: contentDisposition(meta.fileName, `annual-report-${year}-v${number}.${kind}`, INLINE.has(kind)),
  })
}
