/**
 * Bounds on user text and per-request work that the forms and the server share (plain
 * constants, safe for client components). The narrative bounds live with the report schema
 * (lib/report/schema.ts: characters and paragraphs).
 */

/** A review comment or an answer, in characters. */
export const MAX_COMMENT_CHARS = 5_000

/** Events per page of a report's history. */
export const HISTORY_PAGE_SIZE = 200
