import { ChangePasswordForm } from '@/components/auth/change-password-form'
import { requireUser } from '@/lib/auth/guards'

export const dynamic = 'force-dynamic'

export default async function PasswordPage() {
  await requireUser('/account/password')
  return (
    <main className="narrow">
      <ChangePasswordForm />
    </main>
  )
}
