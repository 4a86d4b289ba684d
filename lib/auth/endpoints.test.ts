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
