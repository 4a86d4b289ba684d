import { notFound } from '@/lib/public/responses'

/**
 * Every address deeper than the column's routes: the column's 404 with its headers (fixed CSP,
 * Cache-Control), not Next's own 404 page (decision 0400).
 */
export async function GET(request: Request) {
  return notFound(request)
}
