import { describe, expect, it } from 'vitest'
import { MISS_CACHE, publicCsp } from '@/lib/security/public-headers'
import { notFound, ServiceError } from '@/lib/services/errors'
import { csvMiss, embedMiss, jsonMiss, publicRoute } from './public-answer'

const get = (method = 'GET') => new Request('http://test/gk/x/2021/index.json', { method })
const unknown = notFound('没有这个人民政府的年报专栏')

describe('misses of the embed and the open-data index (decision 0540)', () => {
  it('answer in the kind asked for, with the column’s 404 headers', async () => {
    const json = jsonMiss(get(), unknown)
    const csv = csvMiss(get(), unknown)
    const embed = embedMiss(get(), unknown)
    for (const res of [json, csv, embed]) {
      expect(res.status).toBe(404)
      expect(res.headers.get('cache-control')).toBe(MISS_CACHE)
      expect(res.headers.get('content-security-policy')).toBe(publicCsp())
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(json.headers.get('access-control-allow-origin')).toBe('*')
    expect(await json.json()).toEqual({ error: '没有这个人民政府的年报专栏' })
    expect(csv.headers.get('content-type')).toContain('text/csv; charset=utf-8')
    expect(csv.headers.get('access-control-allow-origin')).toBe('*')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('错误\r\n没有这个人民政府的年报专栏\r\n')
    expect(embed.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(embed.headers.get('access-control-allow-origin')).toBeNull()
    const html = await embed.text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('没有这个人民政府的年报专栏。')
    expect(html).not.toMatch(/<script|<style/i)
  })

  it('answers HEAD without a body, and keeps a refusal that is not about the address out of caches', async () => {
    const head = jsonMiss(get('HEAD'), unknown)
    expect(head.status).toBe(404)
    expect(await head.text()).toBe('')
    const busy = await publicRoute(get(), jsonMiss, async () => {
      throw new ServiceError(503, 'busy', '服务器繁忙，请稍后再试')
    })
    expect(busy.status).toBe(503)
    expect(busy.headers.get('cache-control')).toBe('no-store')
    expect(await busy.json()).toEqual({ error: '服务器繁忙，请稍后再试' })
    await expect(
      publicRoute(get(), jsonMiss, async () => {
        throw new Error('not a refusal')
      }),
    ).rejects.toThrow('not a refusal')
  })
})
