/**
 * Query strings of pages. A page never refuses its query: a value that is not one falls back
 * to the default, as a hand-edited link should (/?page=abc is the first page).
 */
import { z } from 'zod'

/** ?page= of a paged list: a whole number from 1 (the page clamps it to its last page). */
export const pageNumber = z.coerce.number().int().min(1).catch(1)

/** ?year= of the desk: a four-digit year, else the desk's default year. */
export const deskYear = z.coerce.number().int().min(1000).max(9999).optional().catch(undefined)
