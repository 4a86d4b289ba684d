import { NoticeList } from '@/components/board/notice-list'
import { DeskView } from '@/components/workflow/desk-tables'
import { requireUser } from '@/lib/auth/guards'
import { deskYear } from '@/lib/requests/pages'
import { deskFor } from '@/lib/services/desk'
import { listNotices } from '@/lib/services/notices'

export const dynamic = 'force-dynamic'

/** 我的工作台: notices, the officer's reports, the reviewer's queue, the coordinator's overview for a year. */
export default async function DeskPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser('/desk')
  const desk = await deskFor(user, deskYear.parse((await searchParams).year))
  const { notices, unread } = await listNotices(user.id)
  const coordinates = user.isAdmin || user.memberships.some((m) => m.role === 'coordinator')
  return (
    <main className="page">
      <h1>我的工作台</h1>
      {coordinates ? (
        <p>
          <a href="/board">填报进度、催报与汇总 →</a>
        </p>
      ) : null}
      <NoticeList notices={notices} unread={unread} />
      <DeskView desk={desk} />
    </main>
  )
}
