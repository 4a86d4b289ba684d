/**
 * Open data and the portal (decision 0320): a report published through the app's API appears in
 * the year's index.json and index.csv, read without a session; the column framed by another
 * origin loads only when that origin is the government's portal origin; the fragment on the board
 * has no script and links to the public addresses.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, type BrowserContext, expect, type Page, request as requestFactory, test } from '@playwright/test'
import { type Cast, createCast, signedInRequest, signIn } from './accounts'
import { loadFixture } from './helpers'

/** Imports the fixture into the officer's department, submits, approves and publishes it through the API. */
async function publish(baseURL: string, c: Cast): Promise<string> {
  const officer = await signedInRequest(baseURL, c.officer)
  const reviewer = await signedInRequest(baseURL, c.reviewer)
  const coordinator = await signedInRequest(baseURL, c.coordinator)
  const imported = await officer.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-office-2022')) },
  })
  expect(imported.status(), await imported.text()).toBe(201)
  const id = (await imported.json()).id as string
  const stored = await (await officer.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const saved = await officer.put(`/api/reports/${id}`, {
    data: { baseVersion: stored.version, report: stored.report },
  })
  expect(saved.status(), await saved.text()).toBe(200)
  const v = (await saved.json()).version as number
  for (const [who, transition] of [
    [officer, 'submit'],
    [reviewer, 'approve'],
    [coordinator, 'publish'],
  ] as const) {
    // 发布 carries the 保密审查 record (decision 0310), dated today in Beijing.
    const secrecy =
      transition === 'publish'
        ? {
            reviewer: '钱保密',
            reviewedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
            conclusion: '经审查，不涉密。',
          }
        : undefined
    const res = await who.post(`/api/reports/${id}/transitions`, { data: { transition, baseVersion: v, secrecy } })
    expect(res.status(), await res.text()).toBe(200)
  }
  for (const r of [officer, reviewer, coordinator]) await r.dispose()
  return id
}

/** A tiny "portal" on a port of its own: one page framing the column. */
async function portal(embedUrl: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(
      `<!doctype html><html lang="zh-CN"><head><title>门户</title></head><body><h1>门户网站</h1><iframe id="column" src="${embedUrl}" style="width:800px;height:400px"></iframe></body></html>`,
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port }
}

/** Opens the portal page in a fresh browser context and says whether the framed column rendered inside it. */
async function framed(browser: Browser, url: string): Promise<boolean> {
  const context = await browser.newContext()
  try {
    return await framedIn(await context.newPage(), url)
  } finally {
    await context.close()
  }
}

async function framedIn(page: Page, url: string): Promise<boolean> {
  await page.goto(url)
  const frame = page.locator('#column')
  await expect(frame).toBeVisible()
  // The frame has loaded either the column or the browser's refusal page.
  await expect
    .poll(
      async () =>
        page
          .frames()
          .find((f) => f !== page.mainFrame())
          ?.url() ?? '',
      { timeout: 10_000 },
    )
    .toMatch(/\/embed$|^chrome-error:/)
  const child = page.frames().find((f) => f !== page.mainFrame())
  if (!child || child.url().startsWith('chrome-error:')) return false
  return (await child.locator('.nianbao-gk-column').count()) > 0
}

test('a published report is in the year index (JSON and CSV) without a session; unknown governments answer 404', async ({
  baseURL,
}) => {
  const base = baseURL as string
  const c = await createCast(base)
  await publish(base, c)
  // No cookies, no origin header: a reader from anywhere.
  const anon = await requestFactory.newContext({ baseURL: base })

  const json = await anon.get(`/gk/${c.gov.code}/2022/index.json`)
  expect(json.status()).toBe(200)
  expect(json.headers()['content-type']).toContain('application/json')
  expect(json.headers()['cache-control']).toContain('public')
  expect(json.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(json.headers()['content-security-policy']).not.toContain('script-src')
  const etag = json.headers().etag
  expect(etag).toMatch(/^".+"$/)
  const index = await json.json()
  expect(index.government).toEqual({ code: c.gov.code, name: c.gov.name })
  expect(index.reports).toHaveLength(1)
  const fixture = loadFixture('zhangdian-office-2022')
  expect(index.reports[0]).toMatchObject({
    agencyCode: c.dept.code,
    agencyName: c.dept.name,
    kind: 'report',
    year: 2022,
    version: 1,
    withdrawn: null,
    url: `${base}/gk/${c.gov.code}/2022/${c.dept.code}`,
    jsonUrl: `${base}/gk/${c.gov.code}/2022/${c.dept.code}/v1/report.json`,
  })
  expect(index.reports[0].publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  expect(index.reports[0].totals['applications.newReceived.total']).toBe(
    fixture.sections.applications.newReceived.total,
  )
  expect(index.reports[0].totals['reviewLitigation.review.total']).toBe(fixture.sections.reviewLitigation.review.total)

  const again = await anon.get(`/gk/${c.gov.code}/2022/index.json`, { headers: { 'if-none-match': etag } })
  expect(again.status()).toBe(304)

  const csv = await anon.get(`/gk/${c.gov.code}/2022/index.csv`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const bytes = await csv.body()
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').slice(1).split('\r\n')
  expect(lines[0].startsWith('机关代码,机关名称,')).toBe(true)
  expect(lines[1].startsWith(`${c.dept.code},${c.dept.name},`)).toBe(true)
  expect(lines[1]).toContain(`${base}/gk/${c.gov.code}/2022/${c.dept.code}`)

  // Other years are empty; unknown governments, departments and impossible years are 404.
  expect((await (await anon.get(`/gk/${c.gov.code}/2021/index.json`)).json()).reports).toEqual([])
  for (const path of [
    '/gk/no-such-government/2022/index.json',
    `/gk/${c.dept.code}/2022/index.csv`,
    `/gk/${c.gov.code}/1999/index.json`,
    '/gk/no-such-government/embed',
  ])
    expect((await anon.get(path)).status(), path).toBe(404)
  await anon.dispose()
})

test('the column may be framed by the portal origin only; the board gives the fragment to copy', async ({
  browser,
  baseURL,
}) => {
  // Publishing through the API, three browser contexts and the board: more than the default 30 s on a busy machine.
  test.setTimeout(120_000)
  const base = baseURL as string
  const c = await createCast(base)
  await publish(base, c)
  const embedUrl = `${base}/gk/${c.gov.code}/embed`
  const { server, port } = await portal(embedUrl)
  const portalOrigin = `http://127.0.0.1:${port}`
  // Another site with the same page: another origin, not allowed.
  const other = await portal(embedUrl)
  const otherOrigin = `http://127.0.0.1:${other.port}`
  const context: BrowserContext = await browser.newContext({ baseURL: base })
  try {
    const page = await context.newPage()
    const anon = await requestFactory.newContext({ baseURL: base })

    // Not configured: frame-ancestors 'none', and the browser refuses the frame.
    const before = await anon.get(embedUrl)
    expect(before.status()).toBe(200)
    expect(before.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(before.headers()['cache-control']).toBe('no-cache')
    expect(await framed(browser, `${portalOrigin}/`)).toBe(false)

    // The coordinator sets the portal origin on the board; a path is refused with the reason at the field.
    const coordinator = await signedInRequest(base, c.coordinator)
    const bad = await coordinator.put(`/api/board/${c.gov.id}/settings`, {
      data: { portalOrigin: `${portalOrigin}/gk` },
    })
    expect(bad.status()).toBe(422)
    expect((await bad.json()).fields.portalOrigin).toContain('http')
    const set = await coordinator.put(`/api/board/${c.gov.id}/settings`, { data: { portalOrigin } })
    expect(set.status(), await set.text()).toBe(200)
    await coordinator.dispose()

    const after = await anon.get(embedUrl)
    const policy = after.headers()['content-security-policy']
    expect(policy).toContain(`frame-ancestors ${portalOrigin}`)
    expect(policy).not.toContain("frame-ancestors 'none'")
    expect(policy).not.toContain('script-src')
    expect(after.headers()['x-frame-options']).toBeUndefined()
    const html = await after.text()
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain(`${base}/gk/${c.gov.code}/2022/${c.dept.code}`)
    expect(await framed(browser, `${portalOrigin}/`)).toBe(true)
    expect(await framed(browser, `${otherOrigin}/`)).toBe(false)

    // Every other page keeps frame-ancestors 'none'.
    for (const path of [`/gk/${c.gov.code}/2022/index.json`, `/gk/${c.gov.code}/2022/index.csv`, '/sign-in']) {
      const res = await anon.get(path)
      const csp = res.headers()['content-security-policy'] ?? ''
      expect(csp, path).toContain("frame-ancestors 'none'")
      expect(csp, path).not.toContain(portalOrigin)
    }
    await anon.dispose()

    // The board: the origin as saved, the fragment (no script, absolute links), 复制 copies it.
    await signIn(context.request, base, c.coordinator)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base })
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto(`/board?gov=${c.gov.id}&year=2022`)
    const box = page.locator('#portal-embed')
    await box.locator('summary').click()
    await expect(box.getByLabel('门户网站地址（允许嵌入本专栏的网站）')).toHaveValue(portalOrigin)
    const fragment = await box.locator('textarea').inputValue()
    expect(fragment).not.toMatch(/<script|<style|\son[a-z]+=/i)
    expect(fragment).toContain(`href="${base}/gk/${c.gov.code}/2022/${c.dept.code}"`)
    expect(fragment).toContain(c.dept.name)
    await box.getByRole('button', { name: '复制', exact: true }).click()
    await expect(box.getByRole('status')).toContainText('已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fragment)
    // The textarea and the button sit inside the card, side by side with nothing cut off.
    const card = await box.boundingBox()
    const area = await box.locator('textarea').boundingBox()
    expect(card && area && area.x >= card.x && area.x + area.width <= card.x + card.width).toBe(true)
    await box.screenshot({ path: test.info().outputPath('portal-embed-1440.png') })

    // A bad origin typed in the form is refused at once, in Chinese.
    await box.getByLabel('门户网站地址（允许嵌入本专栏的网站）').fill('www.example.gov.cn/gk')
    await box.getByRole('button', { name: '保存门户网站地址' }).click()
    await expect(box.getByRole('status').first()).toContainText('门户网站地址有误')

    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await page.locator('#portal-embed summary').click()
    const phoneArea = await page.locator('#portal-embed textarea').boundingBox()
    expect(phoneArea && phoneArea.x >= 0 && phoneArea.x + phoneArea.width <= 390).toBe(true)
    await page.locator('#portal-embed').screenshot({ path: test.info().outputPath('portal-embed-390.png') })
  } finally {
    await context.close()
    for (const s of [server, other.server]) await new Promise((resolve) => s.close(resolve))
  }
})
