import { describe, expect, it } from 'vitest'
import { auditCsv, csvField, listAudit, recordAudit } from './audit'

describe('audit log', () => {
  it('stores events with the actor name as it was, newest first', async () => {
    await recordAudit({ action: 'sign-in', outcome: 'failure', subject: 'someone@x.test', address: '10.0.0.9' })
    await recordAudit({
      action: 'admin.user.create',
      outcome: 'success',
      actor: { id: 'a1', name: '管理员' },
      subject: 'new@x.test',
    })
    const [latest, earlier] = await listAudit({ limit: 2 })
    expect(latest).toMatchObject({ action: 'admin.user.create', actorName: '管理员', subject: 'new@x.test' })
    expect(earlier).toMatchObject({ action: 'sign-in', outcome: 'failure', actorName: null, address: '10.0.0.9' })
  })

  it('exports CSV as UTF-8 with a BOM, CRLF lines, quoted fields and formulas neutralised', () => {
    const csv = auditCsv([
      {
        id: '1',
        at: '2026-01-01T00:00:00.000Z',
        action: 'sign-in',
        outcome: 'failure',
        actorId: null,
        actorName: null,
        subject: '=HYPERLINK("x")',
        address: '10.0.0.1',
        detail: '账号或密码不正确, 第二次',
      },
    ])
    expect(csv.startsWith('\uFEFF时间（北京时间）,操作,结果,')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines[1]).toBe(`2026-01-01 08:00:00,登录,失败,,,"'=HYPERLINK(""x"")",10.0.0.1,"账号或密码不正确, 第二次"`)
    expect(lines[2]).toBe('')
    expect(csvField('-1+1')).toBe("'-1+1")
    expect(csvField(null)).toBe('')
  })
})
