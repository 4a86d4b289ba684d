/**
 * Roles × actions × whose report, answered by the real server. Every refusal is proved on the
 * server (status 401 / 403, or the sign-in redirect for pages), and a refused answer carries
 * none of the refused agency's data: neither its name nor the text of its report.
 */
import { type APIRequestContext, expect, request as requestFactory, test } from '@playwright/test'
import { type Account, type Agency, createAccount, createAgency, E2E_ADMIN, signedInRequest } from './accounts'

type Target = 'own' | 'sibling' | 'outside'
type Who = 'officer' | 'reviewer' | 'coordinator' | 'admin' | 'signed-out'

interface Seeded {
  agency: Agency
  reportId: string
  marker: string
}

const WHO: Who[] = ['officer', 'reviewer', 'coordinator', 'admin', 'signed-out']
const TARGETS: Target[] = ['own', 'sibling', 'outside']

/** What the server must allow; everything else must be refused. */
const READ: Record<Who, Target[]> = {
  officer: ['own'],
  reviewer: ['own'],
  coordinator: ['own', 'sibling'],
  admin: ['own', 'sibling', 'outside'],
  'signed-out': [],
}
const WRITE: Record<Who, Target[]> = {
  officer: ['own'],
  reviewer: [],
  coordinator: [],
  admin: [],
  'signed-out': [],
}

test.describe.configure({ mode: 'serial' })

let baseURL: string
let admin: APIRequestContext
const clients = {} as Record<Who, APIRequestContext>
const seeded = {} as Record<Target, Seeded>
let outsider: { officer: Account; agency: Agency }

async function seedReport(officer: APIRequestContext, agency: Agency, year: number): Promise<Seeded> {
  const marker = `机密内容${Math.random().toString(36).slice(2, 10)}`
  const created = await officer.post('/api/reports', { data: { formatVersion: '2021', year, agencyId: agency.id } })
  expect(created.status()).toBe(201)
  const stored = await created.json()
  stored.report.sections.overview = `（一）主动公开\n${marker}`
  const saved = await officer.put(`/api/reports/${stored.id}`, { data: { baseVersion: 1, report: stored.report } })
  expect(saved.status()).toBe(200)
  return { agency, reportId: stored.id, marker }
}

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixtures from the destructuring
test.beforeAll(async ({}, testInfo) => {
  baseURL = testInfo.project.use.baseURL as string
  admin = await signedInRequest(baseURL, E2E_ADMIN)
  // 测试区人民政府 A ⟶ 局 A1 (own), 局 A2 (sibling); 测试区人民政府 B ⟶ 局 B1 (outside)
  const govA = await createAgency(admin, 'government')
  const a1 = await createAgency(admin, 'department', govA.id)
  const a2 = await createAgency(admin, 'department', govA.id)
  const govB = await createAgency(admin, 'government')
  const b1 = await createAgency(admin, 'department', govB.id)

  const officer = await createAccount(admin, 'officer', a1.id)
  const reviewer = await createAccount(admin, 'reviewer', a1.id)
  const coordinator = await createAccount(admin, 'coordinator', govA.id)
  const officerA2 = await createAccount(admin, 'officer', a2.id)
  const officerB1 = await createAccount(admin, 'officer', b1.id)

  clients.officer = await signedInRequest(baseURL, officer)
  clients.reviewer = await signedInRequest(baseURL, reviewer)
  clients.coordinator = await signedInRequest(baseURL, coordinator)
  clients.admin = admin
  clients['signed-out'] = await requestFactory.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } })

  const a2Client = await signedInRequest(baseURL, officerA2)
  const b1Client = await signedInRequest(baseURL, officerB1)
  seeded.own = await seedReport(clients.officer, a1, 2022)
  seeded.sibling = await seedReport(a2Client, a2, 2022)
  seeded.outside = await seedReport(b1Client, b1, 2022)
  await a2Client.dispose()
  await b1Client.dispose()
  outsider = { officer: officerB1, agency: b1 }
})

test.afterAll(async () => {
  for (const who of WHO) if (who !== 'admin') await clients[who]?.dispose()
  await admin?.dispose()
})

/**
 * A refusal: the right status, and nothing of the target's report in the body. A report the
 * user may not read answers 404, as one that does not exist would (unseen: true); an action
 * beyond reading, or on an agency, answers 403.
 */
async function expectRefused(
  who: Who,
  what: string,
  res: Awaited<ReturnType<APIRequestContext['get']>>,
  t: Target,
  unseen = false,
) {
  const body = await res.text()
  const label = `${who} ${what} ${t}`
  if (who === 'signed-out') {
    if (res.status() === 307 || res.status() === 303) {
      expect(res.headers().location, label).toMatch(/^\/sign-in\?next=|\/sign-in\?next=/)
    } else expect(res.status(), label).toBe(401)
  } else expect(res.status(), label).toBe(unseen ? 404 : 403)
  expect(body, label).not.toContain(seeded[t].marker)
  expect(body, label).not.toContain(seeded[t].agency.name)
}

function expectAllowed(who: Who, what: string, res: Awaited<ReturnType<APIRequestContext['get']>>, t: Target) {
  expect([401, 403], `${who} ${what} ${t} → ${res.status()}`).not.toContain(res.status())
  expect(res.status(), `${who} ${what} ${t}`).toBeLessThan(500)
}

for (const who of WHO) {
  test(`${who}: list, pages, API, save, complete, export, create and import — own agency, same government, outside`, async () => {
    const client = clients[who]

    // The list: the API and the home page show exactly the readable reports.
    const list = await client.get('/api/reports')
    if (who === 'signed-out') expect(list.status()).toBe(401)
    else {
      expect(list.status()).toBe(200)
      const ids = ((await list.json()).reports as { id: string }[]).map((r) => r.id)
      for (const t of TARGETS) expect(ids.includes(seeded[t].reportId), `${who} lists ${t}`).toBe(READ[who].includes(t))
    }
    const home = await client.get('/', { maxRedirects: 0 })
    const homeHtml = await home.text()
    if (who === 'signed-out') expect(home.status()).toBe(307)
    for (const t of TARGETS) {
      if (!READ[who].includes(t)) expect(homeHtml, `${who} home page ${t}`).not.toContain(seeded[t].agency.name)
    }

    for (const t of TARGETS) {
      const id = seeded[t].reportId
      const mayRead = READ[who].includes(t)
      const mayWrite = WRITE[who].includes(t)
      const check = async (what: string, allowed: boolean, res: Awaited<ReturnType<APIRequestContext['get']>>) =>
        allowed ? expectAllowed(who, what, res, t) : expectRefused(who, what, res, t, !mayRead)
      const checkAgency = async (what: string, allowed: boolean, res: Awaited<ReturnType<APIRequestContext['get']>>) =>
        allowed ? expectAllowed(who, what, res, t) : expectRefused(who, what, res, t)

      // Pages
      for (const page of ['', '/preview', '/history', '/versions']) {
        const res = await client.get(`/reports/${id}${page}`, { maxRedirects: 0 })
        await check(`page ${page || '/'}`, mayRead, res)
        if (mayRead) expect(await res.text()).toContain(seeded[t].agency.name)
      }
      // Read and export through the API
      const read = await client.get(`/api/reports/${id}`)
      await check('read API', mayRead, read)
      if (mayRead) expect((await read.json()).report.sections.overview).toContain(seeded[t].marker)
      // The workflow's read routes sit behind the same check
      for (const sub of ['workflow', 'history', 'versions', 'comments']) {
        await check(`read ${sub}`, mayRead, await client.get(`/api/reports/${id}/${sub}`))
      }
      for (const kind of ['export', 'docx', 'html']) {
        await check(`export ${kind}`, mayRead, await client.get(`/api/reports/${id}/${kind}`))
      }

      // Changes: a refused one leaves the report as it was
      const before = await admin.get(`/api/reports/${id}`)
      const stored = await before.json()
      const next = structuredClone(stored.report)
      next.sections.problemsImprovements = `${who}改写`
      await check(
        'save',
        mayWrite,
        await client.put(`/api/reports/${id}`, { data: { baseVersion: stored.version, report: next } }),
      )
      await check(
        'complete',
        mayWrite,
        await client.post(`/api/reports/${id}/complete`, { data: { baseVersion: stored.version } }),
      )
      await check('reopen', mayWrite, await client.post(`/api/reports/${id}/reopen`))
      if (!mayRead) {
        // Nor may a stranger comment on, or move, a report it cannot read.
        await check('comment', false, await client.post(`/api/reports/${id}/comments`, { data: { body: '意见' } }))
        await check(
          'transition',
          false,
          await client.post(`/api/reports/${id}/transitions`, { data: { id: 'submit' } }),
        )
      }
      if (!mayWrite) {
        const after = await (await admin.get(`/api/reports/${id}`)).json()
        expect(after.version, `${who} changed ${t}`).toBe(stored.version)
        expect(after.report, `${who} changed ${t}`).toEqual(stored.report)
      }

      // New reports: only into the officer's own agency
      const agencyId = seeded[t].agency.id
      const year = 2019 + TARGETS.indexOf(t)
      const create = await client.post('/api/reports', { data: { formatVersion: '2019', year, agencyId } })
      await checkAgency('create', mayWrite, create)
      const file = {
        formatVersion: '2021',
        year: 2021,
        agency: { name: outsider.agency.name, type: 'department' },
        sections: { overview: '导入' },
      }
      const imported = await client.post(`/api/reports/import?agencyId=${agencyId}`, {
        data: { file: JSON.stringify(file) },
      })
      await checkAgency('import', mayWrite, imported)
      if (mayWrite) {
        expect(create.status()).toBe(201)
        expect(imported.status()).toBe(201)
        const { id: importedId, notices } = await imported.json()
        expect(notices.join('')).toContain('已导入为')
        const stored = await (await client.get(`/api/reports/${importedId}`)).json()
        expect(stored.report.agency.name).toBe(seeded[t].agency.name)
      }
    }

    // 404 and 403 agree: a report of another government answers exactly as an id that never existed.
    if (!READ[who].includes('outside') && who !== 'signed-out') {
      const id = seeded.outside.reportId
      for (const sub of ['', '/history', '/docx', '/transitions']) {
        const method = sub === '/transitions' ? 'post' : 'get'
        const data = sub === '/transitions' ? { data: { id: 'submit', baseVersion: 1 } } : {}
        const real = await client[method](`/api/reports/${id}${sub}`, data)
        const made = await client[method](`/api/reports/no-such-${id}${sub}`, data)
        expect(real.status(), `${who} ${sub}`).toBe(404)
        expect(made.status(), `${who} ${sub}`).toBe(404)
        expect(await real.text(), `${who} ${sub}`).toBe(await made.text())
      }
      const page = await client.get(`/reports/${id}`, { maxRedirects: 0 })
      const none = await client.get(`/reports/no-such-${id}`, { maxRedirects: 0 })
      expect([page.status(), none.status()]).toEqual([404, 404])
    }

    // Administration
    const adminOnly = who === 'admin'
    const users = await client.get('/api/admin/users')
    if (who === 'signed-out') expect(users.status()).toBe(401)
    else expect(users.status()).toBe(adminOnly ? 200 : 403)
    const adminPage = await client.get('/admin', { maxRedirects: 0 })
    expect(adminPage.status()).toBe(who === 'signed-out' ? 307 : adminOnly ? 200 : 403)
    const made = await client.post('/api/admin/agencies', {
      data: { code: `matrix-${Date.now().toString(36)}`, name: `越权机关${Date.now()}`, type: 'department' },
    })
    expect(made.status()).toBe(who === 'signed-out' ? 401 : adminOnly ? 201 : 403)
  })
}
