import { expect, test } from './fixtures'

/** Unique per run and test: tests create their own data and never depend on each other. */
const agencyName = (tag: string) =>
  `冒烟测试${tag}局${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

test('create, save, refuse a stale save, and the list page still loads', async ({ request, page, officer }) => {
  const name = officer.agency.name
  // The report is for the officer's agency, whatever agency the body names.
  const created = await request.post('/api/reports', {
    data: { formatVersion: '2021', year: 2024, agency: { name: agencyName('甲'), type: 'government' } },
  })
  expect(created.status()).toBe(201)
  const report = await created.json()
  expect(report).toMatchObject({ version: 1, status: 'draft', report: { agency: { name }, year: 2024 } })

  const next = structuredClone(report.report)
  next.sections.applications.newReceived.natural = 3
  const saved = await request.put(`/api/reports/${report.id}`, { data: { baseVersion: 1, report: next } })
  expect(saved.status()).toBe(200)
  expect(await saved.json()).toMatchObject({ version: 2, status: 'draft' })

  next.sections.applications.newReceived.natural = 4
  const stale = await request.put(`/api/reports/${report.id}`, { data: { baseVersion: 1, report: next } })
  expect(stale.status()).toBe(409)
  expect(await stale.json()).toMatchObject({
    error: 'conflict',
    currentVersion: 2,
    message: expect.stringMatching(/重新加载/),
  })

  const stored = await (await request.get(`/api/reports/${report.id}`)).json()
  expect(stored.version).toBe(2)
  expect(stored.report.sections.applications.newReceived.natural).toBe(3)

  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await page.reload()
  await expect(page.getByText(name).first()).toBeVisible()
})

test('bad requests get Chinese messages: malformed JSON, invalid cells, too large, unknown report', async ({
  request,
}) => {
  const { id } = await (await request.post('/api/reports', { data: { formatVersion: '2021', year: 2023 } })).json()

  const malformed = await request.put(`/api/reports/${id}`, {
    headers: { 'content-type': 'application/json' },
    // A Buffer is sent as is (a string would be JSON-encoded by Playwright).
    data: Buffer.from('{"baseVersion": 1, "report": '),
  })
  expect(malformed.status()).toBe(400)
  expect(await malformed.json()).toMatchObject({ error: 'bad_json', message: expect.stringMatching(/JSON/) })

  const stored = await (await request.get(`/api/reports/${id}`)).json()
  stored.report.sections.applications.newReceived.natural = 'abc'
  const invalid = await request.put(`/api/reports/${id}`, { data: { baseVersion: 1, report: stored.report } })
  expect(invalid.status()).toBe(422)
  expect((await invalid.json()).fields).toMatchObject({ 'sections.applications.newReceived.natural': '请填写数字' })

  // An imported file may be up to 20 MB; any other body up to 5 MB.
  const big = await request.put(`/api/reports/${id}`, {
    data: { baseVersion: 1, report: { note: 'x'.repeat(5 * 1024 * 1024) } },
  })
  expect(big.status()).toBe(413)
  expect((await big.json()).message).toMatch(/5MB/)
  const huge = await request.post('/api/reports/import', { data: { file: 'x'.repeat(20 * 1024 * 1024 + 1) } })
  expect(huge.status()).toBe(413)
  expect((await huge.json()).message).toMatch(/20MB/)

  const missing = await request.get('/api/reports/no-such-report')
  expect(missing.status()).toBe(404)
  expect((await missing.json()).error).toBe('not_found')
})

test("import a file into the officer's agency, export it back with a Chinese file name", async ({
  request,
  officer,
}) => {
  const name = officer.agency.name
  const named = agencyName('丙')
  const file = {
    formatVersion: '2021',
    year: 2022,
    // A code in the file never picks the agency: the report is the officer's, with its code.
    agency: { name: named, type: 'department', code: 'someone-else' },
    sections: { overview: '（一）主动公开\n本年度主动公开信息。', applications: { newReceived: { natural: 2 } } },
  }
  const imported = await request.post('/api/reports/import', { data: { file: JSON.stringify(file) } })
  expect(imported.status()).toBe(201)
  const { id, notices } = await imported.json()
  // The file names another agency: it is imported as the officer's own, and the notice says so.
  expect(notices[0]).toContain(named)
  expect(notices[0]).toContain(name)

  const again = await request.post('/api/reports/import', { data: { file: JSON.stringify(file) } })
  expect(again.status()).toBe(409)

  const exported = await request.get(`/api/reports/${id}/export`)
  expect(exported.status()).toBe(200)
  expect(exported.headers()['content-disposition']).toContain(
    `filename*=UTF-8''${encodeURIComponent(`${name}-2022.json`)}`,
  )
  const json = await exported.json()
  expect(json).toMatchObject({ formatVersion: '2021', year: 2022, agency: { name, code: officer.agency.code } })
  expect(json.sections.applications.newReceived.natural).toBe(2)
})
