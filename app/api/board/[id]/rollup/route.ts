import { route } from '@/app/api/_lib/api-route'
import { apiUser } from '@/lib/auth/guards'
import { boardParams, rollupBody } from '@/lib/requests/board'
import { rollupFor } from '@/lib/services/rollup'

/**
 * 汇总: body {year, agencyIds?, basis?, store?} → the stored roll-up with every contribution;
 * with store, also written into the government's 全区汇总 report. Its coordinator or an administrator.
 */
export const POST = route(
  { params: boardParams, body: rollupBody, access: () => apiUser() },
  async ({ params, body, access }) => Response.json(await rollupFor(access, params.id, body), { status: 201 }),
)
