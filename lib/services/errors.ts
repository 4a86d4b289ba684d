/**
 * The refusals of the services, each built in one place: the API answers a ServiceError as JSON
 * {error: code, message, fields?, …details} with its status (app/api/_lib/respond.ts).
 */
import type { z } from 'zod'
import type { Completeness } from '@/lib/report/completeness'
import { issuesByPath } from '@/lib/report/schema'

export class ServiceError extends Error {
  constructor(
    /** HTTP status the API answers with. */
    readonly status: number,
    /** Stable machine code (not_found, conflict, invalid, incomplete, duplicate, …). */
    readonly code: string,
    /** For the officer, in Chinese. */
    message: string,
    /** Problems keyed by full field path (sections.applications.newReceived.natural). */
    readonly fields?: Record<string, string>,
    /** More for the client: currentVersion on a conflict, completeness when incomplete. */
    readonly details?: {
      currentVersion?: number
      completeness?: Completeness
      /** The open comment threads that keep 审核通过 refused. */
      openComments?: { anchorLabel: string; body: string }[]
    },
  ) {
    super(message)
    this.name = 'ServiceError'
  }
}

/** 404: the report (by default) or what `message` names does not exist. */
export const notFound = (message = '年报不存在或已被删除') => new ServiceError(404, 'not_found', message)

/** 409: the report changed since the client read it; `currentVersion` is the version stored now. */
export const conflict = (currentVersion: number) =>
  new ServiceError(
    409,
    'conflict',
    '这份年报已在其他标签页或由其他人修改，您看到的不是最新内容，这次操作未完成。请先复制需要保留的内容，再重新加载页面，在最新版本上继续。',
    undefined,
    { currentVersion },
  )

/** 422 with the problems keyed by field path. */
export const invalid = (error: z.ZodError, message = '填写的内容有误，请按提示修改后再保存') =>
  new ServiceError(422, 'invalid', message, issuesByPath(error))

export const badRequest = (message: string) => new ServiceError(400, 'bad_request', message)

/** The content version a change starts from, as the client sent it. */
export function requireBaseVersion(baseVersion: unknown): number {
  if (typeof baseVersion !== 'number' || !Number.isInteger(baseVersion) || baseVersion < 1) {
    throw badRequest('请求缺少有效的版本号 baseVersion，请刷新页面后重试')
  }
  return baseVersion
}

/** A report imported as history (上年度年报) is kept as it was published: read-only. */
export const historyReadOnly = () =>
  new ServiceError(409, 'not_editable', '这是作为历史资料导入的上年度年报，只读，不能修改或提交。')
