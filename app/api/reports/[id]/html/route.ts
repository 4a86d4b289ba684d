import { documentResponse } from '@/app/api/_lib/document'

/** The report as one self-contained HTML page. ?inline=1 for the in-app preview. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return documentResponse(request, (await params).id, 'html')
}
