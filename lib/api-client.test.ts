import { describe, expect, it } from 'vitest'
import { toApiError } from './api-client'

describe('toApiError: every error answer in one shape', () => {
  it('keeps our answers: code, Chinese message, fields by path, the other members', () => {
    const answer = {
      error: 'conflict',
      message: '此年报已在其他页面被修改',
      currentVersion: 4,
      fields: { 'sections.applications.newReceived.natural': '请填写数字', bad: 3 },
    }
    expect(toApiError(409, answer)).toEqual({
      status: 409,
      code: 'conflict',
      message: '此年报已在其他页面被修改',
      fields: { 'sections.applications.newReceived.natural': '请填写数字' },
      details: { currentVersion: 4 },
    })
  })

  it('words an answer without a message of ours (a proxy page, a crash)', () => {
    expect(toApiError(500, undefined)).toEqual({
      status: 500,
      code: 'http_500',
      message: '服务器返回错误（500）',
      fields: {},
      details: {},
    })
    // A proxy's 502/503 while the app or its database restarts: nothing was saved, try again.
    expect(toApiError(502, undefined).message).toContain('请稍候几秒再试')
    expect(toApiError(507, undefined).message).toContain('存储空间已满')
    expect(toApiError(403, 'forbidden').message).toBe('您没有权限进行此操作。')
  })
})
