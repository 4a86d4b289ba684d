import { route } from '@/app/api/_lib/api-route'
import { apiSignedIn } from '@/lib/auth/guards'
import { idleMs } from '@/lib/auth/idle'

/**
 * The signed-in session, kept alive: the session lookup behind apiUser moves its last-seen time
 * (lib/auth/idle.ts). The idle guard calls it when the user chooses 继续工作.
 */
export const GET = route({ access: () => apiSignedIn() }, async () =>
  Response.json({ idleMs: idleMs() }, { headers: { 'cache-control': 'no-store' } }),
)
