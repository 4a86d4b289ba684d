/**
 * The public column's misses answer in the kind of what was asked (decision 0540): the embeddable
 * page a small Chinese page never framed, index.json a JSON {error}, index.csv a CSV with a
 * byte-order mark; all with the column's 404 headers. Read without a session; axe on the pages.
 */
import { type APIResponse, request as requestFactory } from '@playwright/test'
import { createAgency } from './accounts'
import { expectNoSeriousViolations } from './axe'
import { expect, test } from './fixtures'

const UNKNOWN = 'e2e-no-such-government'

/** The column's 404 headers (decision 0301): fixed script-free policy, never framed, a minute's cache. */
function expectMissHeaders(res: APIResponse, what: string) {
  expect(res.status(), what).toBe(404)
  const headers = res.headers()
  expect(headers['content-security-policy'], what).toContain("default-src 'none'")
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'")
  expect(headers['content-security-policy'], what).not.toContain('script-src')
  expect(headers['x-frame-options'], what).toBe('DENY')
  expect(headers['x-content-type-options'], what).toBe('nosniff')
  expect(headers['cache-control'], what).toBe('public, max-age=60')
}

test('the embed and the year index of an unknown government answer 404 as a page, JSON and CSV', async ({
  admin,
  baseURL,
  browser,
}) => {
  const base = baseURL as string
  const gov = await createAgency(admin, 'government')
  const dept = await createAgency(admin, 'department', gov.id)
  const anon = await requestFactory.newContext({ baseURL: base })

  for (const path of [`/gk/${UNKNOWN}/embed`, `/gk/${dept.code}/embed`]) {
    const res = await anon.get(path)
    expectMissHeaders(res, path)
    expect(res.headers()['content-type'], path).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html, path).toContain('<html lang="zh-CN">')
    expect(html, path).toContain('<h1 class="nianbao-gk-title"')
    expect(html, path).toContain('年度报告专栏不存在')
    expect(html, path).toContain('没有这个人民政府的年报专栏')
    expect(html, path).not.toMatch(/<script|<style/i)
  }
  // A government with nothing published still has its (empty) column to frame.
  const empty = await anon.get(`/gk/${gov.code}/embed`)
  expect(empty.status()).toBe(200)
  expect(await empty.text()).toContain('尚未发布年度报告')

  for (const [path, message] of [
    [`/gk/${UNKNOWN}/2022/index.json`, '没有这个人民政府的年报专栏'],
    [`/gk/${dept.code}/2022/index.json`, '没有这个人民政府的年报专栏'],
    [`/gk/${gov.code}/1999/index.json`, '没有这个年度'],
  ]) {
    const res = await anon.get(path)
    expectMissHeaders(res, path)
    expect(res.headers()['content-type'], path).toBe('application/json; charset=utf-8')
    expect(res.headers()['access-control-allow-origin'], path).toBe('*')
    expect(await res.json(), path).toEqual({ error: message })
  }

  for (const [path, message] of [
    [`/gk/${UNKNOWN}/2022/index.csv`, '没有这个人民政府的年报专栏'],
    [`/gk/${gov.code}/1999/index.csv`, '没有这个年度'],
  ]) {
    const res = await anon.get(path)
    expectMissHeaders(res, path)
    expect(res.headers()['content-type'], path).toContain('text/csv; charset=utf-8')
    const bytes = await res.body()
    expect([...bytes.subarray(0, 3)], `${path}: UTF-8 byte-order mark`).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.subarray(3).toString('utf8'), path).toBe(`错误\r\n${message}\r\n`)
  }
  // HEAD answers the same status and headers without a body.
  const head = await anon.head(`/gk/${UNKNOWN}/2022/index.json`)
  expectMissHeaders(head, 'HEAD index.json')
  expect(await head.body()).toHaveLength(0)
  await anon.dispose()

  // The pages a reader may land on: the embed's 404 and the column's, at both widths.
  const context = await browser.newContext()
  const page = await context.newPage()
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 })
    for (const path of [`/gk/${UNKNOWN}/embed`, `/gk/${UNKNOWN}`]) {
      const res = await page.goto(path)
      expect(res?.status(), path).toBe(404)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      const heading = await page.getByRole('heading', { level: 1 }).boundingBox()
      expect(heading && heading.x + heading.width, `${path} fits ${width}`).toBeLessThanOrEqual(width)
      await expectNoSeriousViolations(page, `${path} at ${width}`)
      await page.screenshot({
        path: test.info().outputPath(`miss-${path.split('/').pop()}-${width}.png`),
        fullPage: true,
      })
    }
  }
  await context.close()
})
