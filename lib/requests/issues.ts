/**
 * Chinese messages for zod issues that a schema did not word itself, so no English default
 * ("Invalid input: expected object") ever reaches a user. A schema's own `error` still wins.
 * Installed for the whole process on import (the route helper and the API client import it),
 * and passed explicitly to every parse of a request and to the forms' resolvers.
 */
import { z } from 'zod'

type RawIssue = Parameters<z.core.$ZodErrorMap>[0]

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '一组内容',
  record: '一组内容',
  date: '日期',
  nan: '数字',
  bigint: '整数',
}

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string {
  const min = Number(issue.minimum)
  switch (issue.origin) {
    case 'string':
      return min <= 1 ? '不能为空' : `至少${min}个字`
    case 'array':
    case 'set':
      return `至少${min}项`
    default:
      return issue.inclusive === false ? `应大于${min}` : `不能小于${min}`
  }
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>): string {
  const max = Number(issue.maximum)
  switch (issue.origin) {
    case 'string':
      return `不能超过${max}个字`
    case 'array':
    case 'set':
      return `最多${max}项`
    default:
      return issue.inclusive === false ? `应小于${max}` : `不能大于${max}`
  }
}

export const zhErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少此项'
      if (issue.expected === 'number' && typeof issue.input === 'number') return '应为有效的数字'
      return `应为${TYPE_NAMES[issue.expected] ?? '正确的类型'}`
    case 'too_small':
      return tooSmall(issue)
    case 'too_big':
      return tooBig(issue)
    case 'invalid_format':
      return issue.format === 'email' ? '应为邮箱格式' : '格式不正确'
    case 'not_multiple_of':
      return `应为${issue.divisor}的倍数`
    case 'invalid_value':
      return '不是可选的值'
    case 'unrecognized_keys':
      return `不应包含：${issue.keys.join('、')}`
    case 'invalid_union':
      return '内容不符合要求'
    case 'invalid_key':
    case 'invalid_element':
      return '内容不符合要求'
    default:
      return '内容不符合要求'
  }
}

z.config({ customError: zhErrors })

/** The first message of each field, keyed by its full path (sections.applications.newReceived.natural). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of issues) {
    if (issue.path.length === 0) continue
    out[issue.path.map(String).join('.')] ??= issue.message
  }
  return out
}
