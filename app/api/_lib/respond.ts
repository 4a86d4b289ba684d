/**
 * The thin layer between HTTP and the services: bounded body reading, JSON parsing with a
 * Chinese message, and ServiceError → JSON {error, message, fields?, …}.
 */
import 'server-only'
import { JSON_TOO_DEEP_MESSAGE, jsonTooDeep } from '@/lib/json-depth'
import { dbFaultError } from '@/lib/services/db-faults'
import { ServiceError } from '@/lib/services/errors'

/** Larger bodies are refused before they are read into memory (a route may declare its own). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024
/** An uploaded file (the import): the largest real report is under 100 KB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** A refusal of the request itself (its size, its JSON, its declared input), answered as JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Messages keyed by the full field path. */
    readonly fields?: Record<string, string>,
  ) {
    super(message)
  }
}

const tooLarge = (limit: number) =>
  new HttpError(
    413,
    'too_large',
    `提交的内容超过${Math.round(limit / 1024 / 1024)}MB，未能保存。请检查是否误粘贴了大段内容或图片后重试。`,
  )

/** The body as text, at most `limit` bytes (checked while streaming, not only by header). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw tooLarge(limit)
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks))
}

/** The body as JSON: bounded in size, and in depth before it is parsed into objects. */
export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit)
  if (text.trim() === '') throw new HttpError(400, 'bad_json', '请求内容为空，请刷新页面后重试')
  if (jsonTooDeep(text)) throw new HttpError(400, 'bad_json', JSON_TOO_DEEP_MESSAGE)
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'bad_json', '请求内容不是有效的 JSON，未能保存。请刷新页面后重试')
  }
}

export function errorResponse(error: unknown): Response {
  const fault = dbFaultError(error)
  if (fault) {
    console.error(`database fault (${fault.code}):`, error instanceof Error ? error.message : error)
    return Response.json(
      { error: fault.code, message: fault.message },
      // The client may try again after this; a restarting database is usually back within seconds.
      { status: fault.status, headers: fault.status === 503 ? { 'retry-after': '5' } : {} },
    )
  }
  if (error instanceof ServiceError) {
    return Response.json(
      {
        error: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.details ?? {}),
      },
      { status: error.status },
    )
  }
  if (error instanceof HttpError) {
    return Response.json(
      {
        error: error.code,
        message: error.message,
        ...(error.fields && Object.keys(error.fields).length ? { fields: error.fields } : {}),
      },
      { status: error.status },
    )
  }
  console.error(error)
  return Response.json(
    { error: 'internal', message: '服务器出错，本次操作未完成。请稍后重试；如多次出现，请联系管理员。' },
    { status: 500 },
  )
}

/** Runs a handler, answering every error as JSON. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    return errorResponse(error)
  }
}
