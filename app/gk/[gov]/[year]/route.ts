import { columnAnswer } from '@/lib/public/responses'

/** The government's public column for one year (decision 0301). No session. */
export async function GET(request: Request, { params }: { params: Promise<{ gov: string; year: string }> }) {
  const { gov, year } = await params
  return columnAnswer(request, gov, year)
}
