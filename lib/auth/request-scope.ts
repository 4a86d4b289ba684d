/**
 * The request an API route is answering, for the guards: route() (app/api/_lib/api-route.ts)
 * runs every handler inside this scope, so the signed-in user is read from the request itself
 * and once per request, whether Next's router called the handler or scripts/server.mjs's direct
 * dispatch of the autosave did (docs/decisions/0120-save-path.md). Pages have no scope and use
 * next/headers.
 */
import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Actor } from './permissions'

interface RequestScope {
  headers: Headers
  /** The session lookup of this request, made at most once. */
  user?: Promise<Actor | null>
}

const scope = new AsyncLocalStorage<RequestScope>()

export function inRequestScope<T>(request: Request, run: () => Promise<T>): Promise<T> {
  return scope.run({ headers: request.headers }, run)
}

export const requestScope = (): RequestScope | undefined => scope.getStore()
