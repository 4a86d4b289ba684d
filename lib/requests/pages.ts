/**
 * Query strings of pages. A page never refuses its query: a value that is not one falls back
 * to the default, as a hand-edited link should (/?page=abc is the first page).
 */
import { z } from 'zod'

/** ?page= of a paged list: a whole number from 1 (the page clamps it to its last page). */
export const pageNumber = z.coerce.number().int().min(1).catch(1)

/** ?year= of the desk: a four-digit year, else the desk's default year. */
export const deskYear = z.coerce.number().int().min(1000).max(9999).optional().catch(undefined)

/**
 * A frozen version's number or `working`, as the versions page links them. A repeated key
 * (?a=1&a=2) comes as an array and, like any other value that is not one, counts as none.
 */
const versionKey = z
  .string()
  .regex(/^(working|s?[1-9]\d{0,3})$/)
  .optional()
  .catch(undefined)

/** ?a=&b= of the versions page: the two versions to compare (the page falls back to the latest two). */
export const versionsPageQuery = z.object({ a: versionKey, b: versionKey }).catch({ a: undefined, b: undefined })

/** A calendar date as 年-月-日 (2022-01-20), else none. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{1,2}-\d{1,2}$/)
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number)
    const date = new Date(Date.UTC(y, m - 1, d))
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  })
  .optional()
  .catch(undefined)

/** ?fonts=&signature= of the preview page, passed on to the document's address. */
export const previewQuery = z
  .object({ fonts: z.enum(['stock', 'gb2312']).optional().catch(undefined), signature: calendarDate })
  .catch({ fonts: undefined, signature: undefined })

/** ?section= of the editor: a section key (the editor opens the first section for one it lacks). */
export const editorQuery = z
  .object({
    section: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)
      .optional()
      .catch(undefined),
  })
  .catch({ section: undefined })

/**
 * A path on our own site from `next`, else '/'. Resolved against our origin the way a browser
 * would (new URL drops tab and newline characters, so '/\t/host' becomes '//host'), and kept only
 * when it stays on that origin: '//host', '/\host', 'https:host', 'javascript:' all give '/'.
 */
export function sameOriginPath(next: unknown, origin: string): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/'
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return '/'
  }
  if (url.origin !== new URL(origin).origin) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

/** Any fixed origin gives the same answer: only whether `next` leaves it matters. */
const PAGE_ORIGIN = 'http://nianbao.invalid'

/** ?next= of the sign-in page: where to go after signing in, a path of ours. */
export const signInQuery = z
  .object({
    next: z
      .unknown()
      .optional()
      .transform((next) => sameOriginPath(next, PAGE_ORIGIN)),
    /** Set by the idle guard: the session ended for inactivity. */
    idle: z
      .unknown()
      .optional()
      .transform((idle) => idle === '1'),
  })
  .catch({ next: '/', idle: false })
