import { ChangePasswordForm } from '@/components/auth/change-password-form'
import { requireUser } from '@/lib/auth/guards'

export const dynamic = 'force-dynamic'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** Only a path of this site is followed after the change (never another origin). */
function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export default async function PasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser('/account/password')
  const next = safeNext((await searchParams).next)
  return (
    <main className="narrow">
      <ChangePasswordForm forced={user.mustChangePassword ? { next } : undefined} />
    </main>
  )
}
