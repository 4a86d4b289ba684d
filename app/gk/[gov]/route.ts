import { columnAnswer } from '@/lib/public/responses'

/** The government's public column, every year (decision 0301). No session. */
export async function GET(request: Request, { params }: { params: Promise<{ gov: string }> }) {
  const { gov } = await params
  return columnAnswer(request, gov)
}
