import { z } from 'zod'
import { route } from '@/app/api/_lib/api-route'
import { apiListReader } from '@/lib/auth/guards'
import { idleMs } from '@/lib/auth/idle'
import { canGlobally, describeRoles, officerAgencies, readScope } from '@/lib/auth/permissions'
import { homePageHtml } from '@/lib/home/home-page-html'
import { pageNumber } from '@/lib/requests/pages'
import { newNonce, pageCsp } from '@/lib/security/headers'
import { coordinatesAny } from '@/lib/services/board'
import { listReportPage } from '@/lib/services/report-lists'

/** Rows per page, as app/page.tsx. */
const PAGE_SIZE = 50

/**
 * GET / for a signed-in user without an agency to write for, outside Next's page renderer
 * (scripts/home-route.mjs, decision 0610). The dispatcher gives the page's script and
 * stylesheets as the params (what it serves and what Next's build links); through Next this
 * address has no params and answers 404. Not signed in (401), a password change due (403) and an
 * officer (204: the create and import forms are React components of Next's page) are answered by
 * Next's page at /, which the dispatcher then calls: the sign-in redirect, the password page,
 * the officer's forms, the Chinese error page, all as before.
 */
export const GET = route(
  {
    params: z.object({
      script: z.string().regex(/^\/_nianbao\/home-[A-Za-z0-9_-]+\.js$/),
      styles: z.array(z.string().regex(/^\/_next\/static\/[\w./-]+\.css$/)).max(8),
    }),
    query: z.object({ page: z.unknown().optional() }).passthrough(),
    access: () => apiListReader(),
  },
  async ({ params, query, access: user }) => {
    if (officerAgencies(user).length) return new Response(null, { status: 204 })
    const list = await listReportPage(readScope(user, 'report.read'), {
      page: pageNumber.parse(query.page),
      pageSize: PAGE_SIZE,
    })
    const nonce = newNonce()
    const html = homePageHtml(
      {
        name: user.name,
        email: user.email,
        roles: describeRoles(user),
        isAdmin: user.isAdmin,
        coordinates: coordinatesAny(user),
        manages: canGlobally(user, 'user.manage'),
      },
      { reports: list.reports, total: list.total, page: list.page, pages: list.pages },
      {
        nonce,
        styles: params.styles,
        script: params.script,
        idleMs: idleMs(),
        allowIdleOverride: process.env.NIANBAO_DEMO === '1',
      },
    )
    const csp = pageCsp(nonce, {
      dev: process.env.NODE_ENV === 'development',
      https: (process.env.BETTER_AUTH_URL ?? '').startsWith('https:'),
    })
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
        'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      },
    })
  },
)
