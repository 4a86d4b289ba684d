import { type APIRequestContext, expect } from '@playwright/test'
import { type Account, type Agency, createAccount, signedInRequest } from './accounts'
import { loadFixture } from './helpers'

/**
 * The office fixture imported by `officer`, completed (信息处理费 filled), submitted and approved
 * by `reviewer` through the API: a report ready for 发布. Answers its id and content version.
 */
export async function approvedReport(
  baseURL: string,
  officer: Account,
  reviewer: Account,
): Promise<{ id: string; version: number }> {
  const op = await signedInRequest(baseURL, officer)
  const imported = await op.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture('zhangdian-office-2022')) },
  })
  expect(imported.status(), await imported.text()).toBe(201)
  const id = (await imported.json()).id as string
  const stored = await (await op.get(`/api/reports/${id}`)).json()
  stored.report.sections.otherMatters.infoProcessingFee = {
    noticesIssued: 0,
    amountBilledYuan: '0',
    amountCollectedYuan: '0',
  }
  const saved = await op.put(`/api/reports/${id}`, { data: { baseVersion: stored.version, report: stored.report } })
  expect(saved.status(), await saved.text()).toBe(200)
  const version = (await saved.json()).version as number
  const submitted = await op.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'submit', baseVersion: version },
  })
  expect(submitted.status(), await submitted.text()).toBe(200)
  const rp = await signedInRequest(baseURL, reviewer)
  const approved = await rp.post(`/api/reports/${id}/transitions`, {
    data: { transition: 'approve', baseVersion: version },
  })
  expect(approved.status(), await approved.text()).toBe(200)
  await op.dispose()
  await rp.dispose()
  return { id, version }
}

/** The year just ended, in China: the year the board opens on. */
export const YEAR_JUST_ENDED =
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) - 1

/** 表三 （七）总计 · 总计. */
export const RESULTS_TOTAL = 'applications.resultsTotal.total'

/**
 * Working copies for the board: for each [agency, extra], a new officer of the agency creates its
 * report of the year just ended and saves table 三 of the 2021 fixture with `extra` more 自然人
 * 新收 and 予以公开 (so each agency's figures differ). Answers each agency's 表三 总计 as the server
 * derived it, by agency name.
 */
export async function filedTableThree(
  admin: APIRequestContext,
  baseURL: string,
  filings: readonly (readonly [Agency, number])[],
): Promise<Record<string, number>> {
  const fixture = loadFixture('zhangdian-gov-2021')
  const totals: Record<string, number> = {}
  for (const [agency, extra] of filings) {
    const officer = await signedInRequest(baseURL, await createAccount(admin, 'officer', agency.id))
    const created = await officer.post('/api/reports', {
      data: { formatVersion: '2021', year: YEAR_JUST_ENDED, agencyId: agency.id },
    })
    expect(created.status(), await created.text()).toBe(201)
    const stored = await created.json()
    const next = structuredClone(stored.report)
    next.sections.applications = structuredClone(fixture.sections.applications)
    next.sections.applications.newReceived.natural += extra
    next.sections.applications.granted.natural += extra
    const saved = await officer.put(`/api/reports/${stored.id}`, { data: { baseVersion: 1, report: next } })
    expect(saved.status(), await saved.text()).toBe(200)
    // The server derives the totals: read back the 总计 it stored.
    const read = await (await officer.get(`/api/reports/${stored.id}`)).json()
    totals[agency.name] = read.report.sections.applications.resultsTotal.total
    expect(typeof totals[agency.name], agency.name).toBe('number')
    await officer.dispose()
  }
  return totals
}
