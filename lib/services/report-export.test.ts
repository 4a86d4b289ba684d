import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { agencyName, fixtureJson, refused, workflowActors } from '@/test/services'
import { exportDocument, exportReport } from './report-export'
import { importReport } from './report-import'
import { saveReport } from './report-save'
import { transition } from './transitions'

const { officer, grant } = workflowActors()

describe('interchange JSON', () => {
  it('exports the stored report as interchange JSON with a Chinese file name', async () => {
    const raw = fixtureJson('zichuan-gov-2020.json')
    raw.agency.name = `${agencyName()}/"试"`
    const { report } = await importReport(raw)
    const out = await exportReport(report.id)
    expect(out.filename).toBe(`${raw.agency.name.replace(/[/"]+/g, '_')}-2020.json`)
    expect(out.contentDisposition).toContain(`filename*=UTF-8''${encodeURIComponent(out.filename)}`)
    expect(out.contentDisposition).toMatch(/^attachment; filename="[ -~]+"/)
    // The export reads back as the same report, with the stored agency's code.
    const again = JSON.parse(out.json)
    expect(again).toEqual(report.report)
    const agency = await prisma.agency.findUniqueOrThrow({ where: { name: raw.agency.name } })
    expect(again.agency.code).toBe(agency.code)
  })

  it("exports the agency's code for a report stored before agencies had codes", async () => {
    const raw = fixtureJson('zichuan-gov-2020.json')
    raw.agency.name = agencyName()
    const { report } = await importReport(raw)
    const { code: _, ...before } = report.report.agency
    await prisma.report.update({
      where: { id: report.id },
      data: { content: JSON.stringify({ ...report.report, agency: before }) },
    })
    const again = JSON.parse((await exportReport(report.id)).json)
    expect(again.agency).toEqual(report.report.agency)
  })
})

describe('published documents', () => {
  it('carry the 草稿 mark until a version is approved: marking complete is not enough', async () => {
    const JSZip = (await import('jszip')).default
    const headerText = async (body: Buffer | string) => {
      const zip = await JSZip.loadAsync(body)
      const parts = zip.file(/^word\/header\d*\.xml$/)
      return (await Promise.all(parts.map((f) => f.async('string')))).join('')
    }
    const raw = fixtureJson('zhangdian-jgsw-2022.json')
    raw.agency.name = agencyName()
    const { report: stored } = await importReport(raw)
    const draftDoc = await exportDocument(stored.id, 'docx', { signatureDate: '2023-01-20' })
    expect(draftDoc.draft).toBe(true)
    expect(await headerText(draftDoc.body)).toContain('草稿')
    expect(draftDoc.filename).toBe(`${raw.agency.name}2022年政府信息公开工作年度报告.docx`)

    const next = structuredClone(stored.report) as any
    next.sections.otherMatters.infoProcessingFee = { noticesIssued: 0, amountBilledYuan: '0', amountCollectedYuan: '0' }
    const saved = await saveReport(stored.id, 1, next)
    await grant(stored.id)
    await transition(stored.id, 'complete', officer, { baseVersion: saved.version })
    // Without review the document is still a draft (approved versions: lib/services/versions.test.ts).
    const completeDoc = await exportDocument(stored.id, 'docx')
    expect(completeDoc.draft).toBe(true)
    expect(await headerText(completeDoc.body)).toContain('草稿')
    const html = await exportDocument(stored.id, 'html', { inline: true })
    expect(String(html.body)).toContain(raw.agency.name)
    expect(html.contentDisposition).toMatch(/^inline; /)
    expect((await refused(exportDocument(stored.id, 'docx', { signatureDate: '2023-02-30' }))).status).toBe(400)
  })
})
