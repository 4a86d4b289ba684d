/**
 * The scripts of the home list when it is served outside Next's page renderer (decision 0610):
 * the header's 退出登录 and the idle guard, the same components the root layout renders, brought
 * to life in the markup lib/home/home-page-html.ts wrote. Bundled for the browser by
 * scripts/home-route.mjs (esbuild, at the server's start), not by Next.
 */
import { createRoot, hydrateRoot } from 'react-dom/client'
import { IdleGuard } from '@/components/auth/idle-guard'
import { SignOutButton } from '@/components/auth/sign-out-button'

// The button as the server wrote it (the markup React renders for it): hydrated, never redrawn.
for (const slot of document.querySelectorAll<HTMLElement>('[data-mount="sign-out"]')) {
  hydrateRoot(slot, <SignOutButton />)
}

const idle = document.querySelector<HTMLElement>('[data-mount="idle-guard"]')
if (idle) {
  createRoot(idle).render(
    <IdleGuard idleMs={Number(idle.dataset.idleMs)} allowOverride={idle.dataset.allowOverride === '1'} />,
  )
}
