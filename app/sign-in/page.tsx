import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { currentUser } from '@/lib/auth/guards'
import { signInQuery } from '@/lib/requests/pages'

export const dynamic = 'force-dynamic'

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const { next, idle } = signInQuery.parse(await searchParams)
  if (await currentUser()) redirect(next)
  return (
    <main className="narrow">
      {idle ? (
        <p className="notice" role="status">
          由于长时间没有操作，已退出登录，未保存的内容已先保存。请重新登录。
        </p>
      ) : null}
      <SignInForm next={next} />
      <p className="hint">账号由系统管理员开设。</p>
    </main>
  )
}
