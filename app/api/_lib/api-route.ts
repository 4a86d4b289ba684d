/**
 * Every API route is `route({params, query, body, access}, run)`: it declares its input
 * as zod schemas and its guard, and `run` sees only what was parsed, never the raw request.
 * Order: for a state-changing method the origin and content-type check (same-origin.ts: 403
 * from elsewhere, 415 for a body that is not JSON), then path segments, query, the guard (a
 * refused caller learns nothing about the body's rules, and an unread body costs nothing), then
 * the body, read once and bounded (respond.ts).
 *
 * Failures are JSON {error, message, fields?} with `fields` keyed by the full path:
 * - a path segment that cannot be one: 404 not_found;
 * - a query string that is not the declared one: 400 bad_request;
 * - a body that is not the declared shape (a missing field, a wrong type): 400 bad_request,
 *   a client's mistake the user cannot fix;
 * - a body of the right shape with a value that breaks a rule: 422 invalid, for the form to
 *   show at the field.
 */
import 'server-only'
import type { z } from 'zod'
import { inRequestScope } from '@/lib/auth/request-scope'
import { fieldErrors, zhErrors } from '@/lib/requests/issues'
import { HttpError, handle, readJson } from './respond'
import { checkStateChange } from './same-origin'

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined

export interface RouteSpec<P, Q, B, A> {
  /** The URL's dynamic segments ([id]). */
  params?: P
  /** The query string (each key once; the first value counts). */
  query?: Q
  /** The body as JSON (the only kind of body a route takes). */
  body?: B
  /** The largest body this route reads (respond.ts MAX_BODY_BYTES unless declared). */
  maxBodyBytes?: number
  /** The guard: who may call, given the parsed path and query. Its answer is passed to `run`. */
  access: (input: { params: Parsed<P>; query: Parsed<Q> }) => Promise<A>
}

export interface RouteInput<P, Q, B, A> {
  params: Parsed<P>
  query: Parsed<Q>
  body: Parsed<B>
  access: A
}

/** The signature Next.js calls a route handler with. */
export type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>

/** Where an input came from: decides the status of a refusal. */
export type InputPart = 'params' | 'query' | 'body'

/** Issue codes that mean "not the declared shape" rather than "a value that breaks a rule". */
const SHAPE_CODES = new Set(['invalid_type', 'unrecognized_keys', 'invalid_union', 'invalid_key', 'invalid_element'])

function located(issue: z.core.$ZodIssue): string {
  return issue.path.length ? `${issue.path.map(String).join('.')}：${issue.message}` : issue.message
}

/** The refusal for input that failed its schema. */
export function inputError(part: InputPart, issues: readonly z.core.$ZodIssue[]): HttpError {
  const [first] = issues
  const fields = fieldErrors(issues)
  switch (part) {
    case 'params':
      return new HttpError(404, 'not_found', first?.message ?? '请求的内容不存在')
    case 'query':
      return new HttpError(400, 'bad_request', `链接中的参数有误（${located(first)}），请检查链接后重试`, fields)
    case 'body': {
      if (issues.some((i) => SHAPE_CODES.has(i.code))) {
        return new HttpError(
          400,
          'bad_request',
          `请求内容不完整或格式不对（${located(first)}），请刷新页面后重试`,
          fields,
        )
      }
      const more = issues.length > 1 ? `（另有${issues.length - 1}处有误）` : ''
      return new HttpError(422, 'invalid', `${first.message}${more}`, fields)
    }
  }
}

/** Parses one part of the input with its schema, in Chinese, or throws the refusal. */
export function parseInput<S extends z.ZodType>(part: InputPart, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { error: zhErrors })
  if (!parsed.success) throw inputError(part, parsed.error.issues)
  return parsed.data
}

/** The query string as an object: each key once, with its first value. */
export function queryObject(url: string): Record<string, string> {
  const query = new URL(url).searchParams
  const out: Record<string, string> = {}
  for (const [key, value] of query) out[key] ??= value
  return out
}

export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A = unknown,
>(spec: RouteSpec<P, Q, B, A>, run: (input: RouteInput<P, Q, B, A>) => Promise<Response>): RouteHandler {
  return async (request, context) =>
    noStore(
      await handle(() =>
        inRequestScope(request, async () => {
          checkStateChange(request, spec.body !== undefined)
          const params = (
            spec.params ? parseInput('params', spec.params, await context.params) : undefined
          ) as Parsed<P>
          const query = (
            spec.query ? parseInput('query', spec.query, queryObject(request.url)) : undefined
          ) as Parsed<Q>
          const access = await spec.access({ params, query })
          const body = (
            spec.body ? parseInput('body', spec.body, await readJson(request, spec.maxBodyBytes)) : undefined
          ) as Parsed<B>
          return run({ params, query, body, access } as RouteInput<P, Q, B, A>)
        }),
      ),
    )
}

/**
 * Every answer of ours is for one signed-in user (report content, lists, refusals): no browser
 * or proxy cache keeps it, unless the route chose its own Cache-Control.
 */
function noStore(response: Response): Response {
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store')
  return response
}
