import { handle, readJson } from '@/app/api/_lib/respond'
import { apiGlobal } from '@/lib/auth/guards'
import { createUser, listUsers } from '@/lib/services/accounts'

export async function GET() {
  return handle(async () => {
    await apiGlobal('user.manage')
    return Response.json({ users: await listUsers() })
  })
}

/** Body: {email, name, password, isAdmin?, memberships?: [{agencyId, role}]} → 201 the user. */
export async function POST(request: Request) {
  return handle(async () => {
    await apiGlobal('user.manage')
    return Response.json(await createUser(await readJson(request)), { status: 201 })
  })
}
