import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { testAgencyCode } from '@/test/agency-code'
import { createAgency } from './accounts'
import { getAgencyContact, saveAgencyContact } from './agency-contact'

const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`

async function agency() {
  return createAgency({ code: testAgencyCode('jgsw'), name: unique('机关事务服务中心'), type: 'department' })
}

describe('agency contact details', () => {
  it('starts empty, keeps what is saved for next year, and audits the change in the same write', async () => {
    const a = await agency()
    expect((await getAgencyContact(a.id)).contact).toEqual({
      portalUrl: null,
      address: null,
      postcode: null,
      telephone: null,
      email: null,
    })
    const actor = { id: 'u1', name: '张三' }
    await saveAgencyContact(
      a.id,
      {
        address: ' 山东省淄博市张店区新村西路226号 ',
        postcode: '255020',
        telephone: '0533-2869928',
        email: 'zdjgsw@163.com',
      },
      { actor },
    )
    expect((await getAgencyContact(a.id)).contact).toMatchObject({
      address: '山东省淄博市张店区新村西路226号',
      postcode: '255020',
      portalUrl: null,
    })
    // '' clears one; a missing key leaves it as it is.
    await saveAgencyContact(a.id, { email: '' }, { actor })
    const after = (await getAgencyContact(a.id)).contact
    expect(after.email).toBeNull()
    expect(after.telephone).toBe('0533-2869928')
    const events = await prisma.auditEvent.findMany({ where: { action: 'agency.contact.update', subject: a.name } })
    expect(events).toHaveLength(2)
    expect(
      JSON.parse(events.find((e) => e.detail?.includes('email') && !e.detail.includes('postcode'))!.detail!),
    ).toEqual({
      email: { old: 'zdjgsw@163.com', new: null },
    })
  })

  it('refuses bad details with a message at each field, and changes nothing', async () => {
    const a = await agency()
    await saveAgencyContact(a.id, { postcode: '255020' })
    await expect(
      saveAgencyContact(a.id, { postcode: '2550', email: 'not-an-address', telephone: '电话', address: '甲\u202e乙' }),
    ).rejects.toMatchObject({
      status: 422,
      fields: {
        postcode: '邮政编码应为6位数字',
        email: '电子邮箱格式不正确',
        telephone: expect.stringContaining('联系电话'),
        address: expect.stringContaining('控制字符'),
      },
    })
    expect((await getAgencyContact(a.id)).contact.postcode).toBe('255020')
  })

  it('a missing agency is 404', async () => {
    await expect(getAgencyContact('nope')).rejects.toMatchObject({ status: 404 })
  })
})
