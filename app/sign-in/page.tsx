import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { currentUser } from '@/lib/auth/guards'
import { signInQuery } from '@/lib/requests/pages'

export const dynamic = 'force-dynamic'

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const { next } = signInQuery.parse(await searchParams)
  if (await currentUser()) redirect(next)
  return (
    <main className="narrow">
      <SignInForm next={next} />
      <p className="hint">账号由系统管理员开设。</p>
    </main>
  )
}
