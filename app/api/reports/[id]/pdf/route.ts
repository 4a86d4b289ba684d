import { route } from '@/app/api/_lib/api-route'
import { apiReportAccess } from '@/lib/auth/guards'
import { pdfQuery, reportParams } from '@/lib/requests/reports'
import { reportPdf } from '@/lib/services/report-pdf'

/** The approved version as PDF (LibreOffice, built once and stored). ?signature=YYYY-MM-DD&version=N */
export const GET = route(
  { params: reportParams, query: pdfQuery, access: ({ params }) => apiReportAccess(params.id, 'report.export') },
  async ({ params, query }) => {
    const pdf = await reportPdf(params.id, query)
    return new Response(new Uint8Array(pdf.body), {
      headers: {
        'content-type': pdf.contentType,
        'content-disposition': pdf.contentDisposition,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    })
  },
)
