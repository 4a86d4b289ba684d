import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { currentUser } from '@/lib/auth/guards'

export const dynamic = 'force-dynamic'

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams
  if (await currentUser()) redirect('/')
  return (
    <main className="narrow">
      <SignInForm next={next} />
      <p className="hint">账号由系统管理员开设。</p>
    </main>
  )
}
