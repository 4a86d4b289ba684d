import { handle, readBodyText } from '@/app/api/_lib/respond'
import { importReport } from '@/lib/services/reports'

/** Body: the file's text (JSON, as exported) → 201 {id, notices}. */
export async function POST(request: Request) {
  return handle(async () => {
    const text = await readBodyText(request)
    const { report, notices } = await importReport(text)
    return Response.json({ id: report.id, notices }, { status: 201 })
  })
}
