import { describe, expect, it } from 'vitest'
import { passwordProblem } from './password-policy'

const owner = { email: 'zhangsan@zhangdian.gov.cn', name: '张三' }

describe('password policy', () => {
  it('refuses blank, short, common and guessable passwords in Chinese', () => {
    expect(passwordProblem('        ', owner)).toBe('密码不能为空或只由空格组成')
    expect(passwordProblem('            ', owner)).toBe('密码不能为空或只由空格组成')
    expect(passwordProblem('12345678', owner)).toBe('密码至少需要12个字符')
    expect(passwordProblem('a-b-c-d-e-f', owner)).toBe('密码至少需要12个字符')
    for (const weak of ['123456789012', 'password1234', 'qwertyuiopas', 'aaaaaaaaaaaa', 'iloveyou1234']) {
      expect(passwordProblem(weak, owner), weak).toMatch(/过于常见或容易猜到/)
    }
  })

  it('refuses a password containing the account name, the e-mail or the name', () => {
    expect(passwordProblem('zhangsan@zhangdian.gov.cn', owner)).toBe('密码不能包含账号名或姓名')
    expect(passwordProblem('Zhangsan-river-9147', owner)).toBe('密码不能包含账号名或姓名')
    expect(passwordProblem('amber-river-张三-9147', owner)).toBe('密码不能包含账号名或姓名')
  })

  it('accepts a long uncommon passphrase, and the demo and test passwords', () => {
    expect(passwordProblem('amber-river-lantern-9147', owner)).toBeNull()
    expect(passwordProblem('nianbao-demo-2026', { email: 'admin@nianbao.demo', name: '系统管理员' })).toBeNull()
    expect(passwordProblem('e2e-user-password', { email: 'officer-ab12@e2e.test', name: 'officer1234' })).toBeNull()
  })
})
