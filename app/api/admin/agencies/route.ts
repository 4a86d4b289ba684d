import { handle, readJson } from '@/app/api/_lib/respond'
import { apiGlobal } from '@/lib/auth/guards'
import { createAgency, listAgencies } from '@/lib/services/accounts'

export async function GET() {
  return handle(async () => {
    await apiGlobal('agency.manage')
    return Response.json({ agencies: await listAgencies() })
  })
}

/** Body: {code, name, type, level?, parentId?, predecessorId?} → 201 the agency (the service validates). */
export async function POST(request: Request) {
  return handle(async () => {
    await apiGlobal('agency.manage')
    return Response.json(await createAgency(await readJson(request)), { status: 201 })
  })
}
