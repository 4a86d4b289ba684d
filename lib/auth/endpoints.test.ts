import { describe, expect, it } from 'vitest'
import { POST as authPost } from '@/app/api/auth/[...all]/route'
import { authEndpointAllowed } from './endpoints'

describe('better-auth endpoints', () => {
  it('lets through only what the app uses', () => {
    expect(authEndpointAllowed('POST', '/api/auth/sign-in/email')).toBe(true)
    expect(authEndpointAllowed('POST', '/api/auth/change-password')).toBe(true)
    expect(authEndpointAllowed('GET', '/api/auth/get-session')).toBe(true)
    for (const [method, path] of [
      ['POST', '/api/auth/update-user'],
      ['POST', '/api/auth/delete-user'],
      ['POST', '/api/auth/change-email'],
      ['POST', '/api/auth/sign-up/email'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/reset-password'],
      ['GET', '/api/auth/list-sessions'],
      ['POST', '/api/auth/revoke-sessions'],
      ['GET', '/api/auth/sign-in/email'],
      ['POST', '/api/auth/sign-in/email/../../update-user'],
      ['POST', '/api/authx/sign-in/email'],
    ]) {
      expect(authEndpointAllowed(method, path), `${method} ${path}`).toBe(false)
    }
  })

  it('answers update-user with 404 before better-auth sees it: nobody renames themselves', async () => {
    const res = await authPost(
      new Request('http://localhost:3000/api/auth/update-user', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ name: '系统管理员' }),
      }),
    )
    expect(res.status).toBe(404)
    expect((await res.json()).message).toBe('请求的内容不存在')
  })
})

describe('better-auth refusals in Chinese', () => {
  const post = (body: string) =>
    authPost(
      new Request('http://localhost:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body,
      }),
    )

  it('words a body of the wrong shape and an unreadable one, naming the fields', async () => {
    const res = await post('[]')
    expect(res.status).toBe(400)
    const array = await res.json()
    expect(array.message).toBe('请求内容不完整或格式不对（请求内容），请刷新页面后重试')
    const wrong = await (await post('{"email":5}')).json()
    expect(wrong.message).toBe('请求内容不完整或格式不对（email、password），请刷新页面后重试')
    const broken = await (await post('x')).json()
    expect(broken.message).toBe('请求内容不是有效的 JSON，请刷新页面后重试')
    for (const m of [array, wrong, broken]) expect(JSON.stringify(m)).not.toMatch(/Invalid input/)
  })
})
