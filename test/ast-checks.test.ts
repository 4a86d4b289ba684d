import { describe, expect, it } from 'vitest'
import { guardCalls, HTTP_METHODS, routeDeclarations } from './ast-checks'

const GUARDS = '@/lib/auth/guards'
const API = ['apiUser', 'apiReportAccess']
const ROUTE = '@/app/api/_lib/api-route'

const guarded = (text: string) => guardCalls('fake.ts', text, HTTP_METHODS, GUARDS, API)

describe('guardCalls', () => {
  it('finds a guard called in an exported handler', () => {
    const text = `import { apiUser } from '@/lib/auth/guards'
      export async function GET() { await apiUser(); return new Response() }`
    expect(guarded(text)).toEqual({ GET: ['apiUser'] })
  })

  it('finds a guard called in the access function of route()', () => {
    const text = `import { route } from '@/app/api/_lib/api-route'
      import { apiReportAccess as check } from '@/lib/auth/guards'
      export const POST = route({ access: ({ params }) => check(params.id, 'report.read') }, async () => new Response())`
    expect(guarded(text)).toEqual({ POST: ['apiReportAccess'] })
  })

  it('does not count a guard named only in a comment, a string or a reference', () => {
    const text = `import { apiUser } from '@/lib/auth/guards'
      // apiUser() is called by the caller
      /** apiUser() */
      export async function GET() {
        const note = 'apiUser()'
        const later = apiUser
        return new Response(note + typeof later)
      }`
    expect(guarded(text)).toEqual({ GET: [] })
  })

  it('does not count a local function that has a guard name, nor a call outside the handler', () => {
    const text = `import { apiUser as realGuard } from '@/lib/auth/guards'
      async function apiUser() { return null }
      async function unused() { await realGuard() }
      export async function GET() { await apiUser(); return new Response() }
      export async function POST() { return new Response() }`
    expect(guarded(text)).toEqual({ GET: [], POST: [] })
  })

  it('reads a page default export', () => {
    const text = `import { requireUser } from '@/lib/auth/guards'
      export default async function Page() { await requireUser('/'); return null }`
    expect(guardCalls('page.tsx', text, ['default'], GUARDS, ['requireUser'])).toEqual({ default: ['requireUser'] })
  })
})

describe('routeDeclarations', () => {
  it('accepts route() with its inputs and guard', () => {
    const text = `import { route } from '@/app/api/_lib/api-route'
      export const PUT = route({ params: p, body: b, access: () => g() }, async ({ body }) => new Response())
      export const GET = route({ access: () => g() }, async () => new Response())`
    expect(routeDeclarations('r.ts', text, ROUTE)).toEqual([
      { method: 'PUT', problems: [], inputs: ['params', 'body'] },
      { method: 'GET', problems: [], inputs: [] },
    ])
  })

  it('refuses a handler that reads the request itself', () => {
    const text = `export async function POST(request: Request) {
        const body = await request.json()
        return Response.json(body)
      }`
    const [post] = routeDeclarations('r.ts', text, ROUTE)
    expect(post.problems).toContain('reads the raw request (request)')
    expect(post.problems).toContain('POST is not route(…) from @/app/api/_lib/api-route')
  })

  it('refuses route() from elsewhere, without a guard, or with an undeclared key', () => {
    const text = `import { route } from './my-route'
      import { route as shared } from '@/app/api/_lib/api-route'
      export const GET = route({ access: () => g() }, async () => new Response())
      export const POST = shared({ body: b }, async () => new Response())
      export const PUT = shared({ form: f, access: () => g() }, async () => new Response())`
    const [get, post, put] = routeDeclarations('r.ts', text, ROUTE)
    expect(get.problems).toEqual(['GET is not route(…) from @/app/api/_lib/api-route'])
    expect(post.problems).toEqual(['POST: no access guard declared'])
    expect(put.problems).toEqual(['PUT: unknown key form'])
  })
})
