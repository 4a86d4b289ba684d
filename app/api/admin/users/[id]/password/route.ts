import { requestAddress } from '@/lib/auth/request-address'
import { route } from '@/app/api/_lib/api-route'
import { apiGlobal } from '@/lib/auth/guards'
import { passwordInput, userParams } from '@/lib/requests/accounts'
import { resetPassword } from '@/lib/services/accounts'

/** Body: {password} → 204. The user's sessions end. */
export const POST = route(
  { params: userParams, body: passwordInput, access: () => apiGlobal('user.manage') },
  async ({ params, body, access }) => {
    await resetPassword(
      params.id,
      body.password,
      { actor: access, address: await requestAddress() },
      { mustChangePassword: body.mustChangePassword },
    )
    return new Response(null, { status: 204 })
  },
)
