import { describe, expect, it } from 'vitest'
import { passwordProblem } from './password-policy'

const owner = { email: 'zhangsan@zhangdian.gov.cn', name: '张三' }

describe('password policy', () => {
  it('refuses blank, short, common and guessable passwords in Chinese', async () => {
    expect(await passwordProblem('        ', owner)).toBe('密码不能为空或只由空格组成')
    expect(await passwordProblem('            ', owner)).toBe('密码不能为空或只由空格组成')
    expect(await passwordProblem('12345678', owner)).toBe('密码至少需要12个字符')
    expect(await passwordProblem('a-b-c-d-e-f', owner)).toBe('密码至少需要12个字符')
    for (const weak of ['123456789012', 'password1234', 'qwertyuiopas', 'aaaaaaaaaaaa', 'iloveyou1234']) {
      expect(await passwordProblem(weak, owner), weak).toMatch(/过于常见或容易猜到/)
    }
  })

  it('refuses a password containing the account name, the e-mail or the name', async () => {
    expect(await passwordProblem('zhangsan@zhangdian.gov.cn', owner)).toBe('密码不能包含账号名或姓名')
    expect(await passwordProblem('Zhangsan-river-9147', owner)).toBe('密码不能包含账号名或姓名')
    expect(await passwordProblem('amber-river-张三-9147', owner)).toBe('密码不能包含账号名或姓名')
  })

  it('accepts a long uncommon passphrase, and the demo and test passwords', async () => {
    expect(await passwordProblem('amber-river-lantern-9147', owner)).toBeNull()
    expect(await passwordProblem('nianbao-demo-2026', { email: 'admin@nianbao.demo', name: '系统管理员' })).toBeNull()
    expect(
      await passwordProblem('e2e-user-password', { email: 'officer-ab12@e2e.test', name: 'officer1234' }),
    ).toBeNull()
  })
})
