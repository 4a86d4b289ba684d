import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { type CreateReportInput, createReport, listReports } from '@/lib/services/reports'

export async function GET() {
  return handle(async () => Response.json({ reports: await listReports() }))
}

/** Body: {formatVersion, year, agency: {name, type, level?}} → 201 StoredReport. */
export async function POST(request: Request) {
  return handle(async () => {
    const body = await readJson(request)
    const input = (isObject(body) ? body : {}) as unknown as CreateReportInput
    return Response.json(await createReport(input), { status: 201 })
  })
}
