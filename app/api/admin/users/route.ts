import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { userInput } from '@/lib/requests/accounts'
import { createUser, listUsers } from '@/lib/services/accounts'

export const GET = route({ access: () => apiGlobal('user.manage') }, async () =>
  Response.json({ users: await listUsers() }),
)

/** Body: {email, name, password, isAdmin?, memberships?: [{agencyId, role}]} → 201 the user. */
export const POST = route({ body: userInput, access: () => apiGlobal('user.manage') }, async ({ body, access }) =>
  Response.json(await createUser(body, { actor: access, address: await requestAddress() }), { status: 201 }),
)
