import { expect } from '@playwright/test'
import { type Account, signedInRequest } from './accounts'
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
