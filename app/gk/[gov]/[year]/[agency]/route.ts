import { reportAnswer } from '@/lib/public/responses'

/** The current published version of a report, its stored HTML with the record (decision 0301). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ gov: string; year: string; agency: string }> },
) {
  const { gov, year, agency } = await params
  return reportAnswer(request, gov, year, agency)
}
