import { fileAnswer } from '@/lib/public/responses'

/** report.{html,docx,pdf,json} of a published version: the bytes frozen at publication. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ gov: string; year: string; agency: string; version: string; file: string }> },
) {
  const { gov, year, agency, version, file } = await params
  return fileAnswer(request, gov, year, agency, version, file)
}
