import { handle } from '@/app/api/_lib/respond'
import { reopen } from '@/lib/services/reports'

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => Response.json(await reopen((await params).id)))
}
