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
    expect(toApiError(502, undefined)).toEqual({
      status: 502,
      code: 'http_502',
      message: '服务器暂时无法处理请求（未保存任何内容），请稍候几秒再试。',
      fields: {},
      details: {},
    })
    expect(toApiError(500, undefined).message).toBe('服务器返回错误（500）')
    expect(toApiError(403, 'forbidden').message).toBe('您没有权限进行此操作。')
  })
})
