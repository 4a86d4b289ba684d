import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { userSearchQuery } from '@/lib/requests/account-maintenance'
import { userInput } from '@/lib/requests/accounts'
import { searchUsers } from '@/lib/services/account-maintenance'
import { createUser } from '@/lib/services/accounts'

/** ?q= (name, account or agency name) &page= → {users, total, page, pageSize, q}. */
export const GET = route({ query: userSearchQuery, access: () => apiGlobal('user.manage') }, async ({ query }) =>
  Response.json(await searchUsers(query)),
)

/** Body: {email, name, password, isAdmin?, mustChangePassword?, memberships?: [{agencyId, role}]} → 201 the user. */
export const POST = route({ body: userInput, access: () => apiGlobal('user.manage') }, async ({ body, access }) =>
  Response.json(await createUser(body, { actor: access, address: await requestAddress() }), { status: 201 }),
)
