import { handle, readJson } from '@/app/api/_lib/respond'
import { apiGlobal } from '@/lib/auth/guards'
import { createAgency, listAgencies } from '@/lib/services/accounts'

export async function GET() {
  return handle(async () => {
    await apiGlobal('agency.manage')
    return Response.json({ agencies: await listAgencies() })
  })
}

/** Body: {name, type, level?, parentId?} → 201 the agency. */
export async function POST(request: Request) {
  return handle(async () => {
    await apiGlobal('agency.manage')
    return Response.json(await createAgency(await readJson(request)), { status: 201 })
  })
}
