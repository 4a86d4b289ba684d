import { notFound } from '@/lib/public/responses'

/** /gk alone names no government: the column's 404, with its headers (decision 0400). */
export async function GET(request: Request) {
  return notFound(request)
}
