import { DeskView } from '@/components/workflow/desk-tables'
import { requireUser } from '@/lib/auth/guards'
import { deskYear } from '@/lib/requests/pages'
import { deskFor } from '@/lib/services/desk'

export const dynamic = 'force-dynamic'

/** 我的工作台: the officer's reports, the reviewer's queue, the coordinator's overview for a year. */
export default async function DeskPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser('/desk')
  const desk = await deskFor(user, deskYear.parse((await searchParams).year))
  return (
    <main className="page">
      <h1>我的工作台</h1>
      <DeskView desk={desk} />
    </main>
  )
}
