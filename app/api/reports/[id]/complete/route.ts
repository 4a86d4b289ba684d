import { handle, isObject, readJson } from '@/app/api/_lib/respond'
import { markComplete } from '@/lib/services/reports'

/** Body: {baseVersion} → {version, updatedAt, status}; 422 incomplete with the completeness object. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const body = await readJson(request)
    const baseVersion = isObject(body) ? body.baseVersion : undefined
    return Response.json(await markComplete((await params).id, baseVersion as number))
  })
}
