import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { apiGlobal } from '@/lib/auth/guards'
import { resetPassword } from '@/lib/services/accounts'

/** Body: {password} → 204. The user's sessions end. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    await apiGlobal('user.manage')
    const body = await readJson(request)
    await resetPassword((await params).id, isObject(body) ? body.password : undefined)
    return new Response(null, { status: 204 })
  })
}
