import { documentResponse } from '@/app/api/_lib/document'

/** The report as a Word document (GB/T 9704 layout). ?fonts=stock&signature=YYYY-MM-DD */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return documentResponse(request, (await params).id, 'docx')
}
