import { changesAnswer, reportAnswer } from '@/lib/public/responses'

/** /v{n}: a published version (superseded ones marked); /changes: the differences between them. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ gov: string; year: string; agency: string; version: string }> },
) {
  const { gov, year, agency, version } = await params
  if (version === 'changes') return changesAnswer(request, gov, year, agency)
  return reportAnswer(request, gov, year, agency, version)
}
