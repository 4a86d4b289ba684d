import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { explainN1 } from '@/test/complete-report'
import { refused, secrecyRecord, workflowActors } from '@/test/services'
import { exportDocument } from './report-export'
import { saveReport } from './report-save'
import { transition } from './transitions'
import { compareVersions, listVersions } from './versions'

const { officer, reviewer, coordinator, completeDraft, approved } = workflowActors()

const headerXml = async (docx: Buffer | string) => {
  const zip = await JSZip.loadAsync(docx)
  return (await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((f) => f.async('string')))).join('')
}

describe('frozen versions', () => {
  it('exports the approved snapshot, byte for byte, whatever happens to the stored draft row', async () => {
    const stored = await approved()
    const docx1 = await exportDocument(stored.id, 'docx')
    const html1 = await exportDocument(stored.id, 'html')
    expect(docx1.draft).toBe(false)
    expect(docx1.versionNumber).toBe(1)
    expect(await headerXml(docx1.body)).not.toContain('草稿')

    // Tamper with the working row directly in the database.
    const row = await prisma.report.findUniqueOrThrow({ where: { id: stored.id } })
    const tampered = JSON.parse(row.content)
    tampered.sections.applications.newReceived.natural = 99999
    tampered.sections.overview = '被篡改的正文。'
    await prisma.report.update({
      where: { id: stored.id },
      data: { content: JSON.stringify(tampered), status: 'draft' },
    })

    await new Promise((r) => setTimeout(r, 2100))
    const docx2 = await exportDocument(stored.id, 'docx')
    const html2 = await exportDocument(stored.id, 'html')
    expect(Buffer.compare(docx1.body as Buffer, docx2.body as Buffer)).toBe(0)
    expect(html2.body).toBe(html1.body)
    expect(String(html2.body)).not.toContain('被篡改')
    // The working copy is still reachable, and marked as a draft.
    const working = await exportDocument(stored.id, 'html', {}, 'working')
    expect(String(working.body)).toContain('被篡改')
    expect(String(working.body)).toContain('草稿')
  })

  it('a draft never approved exports with the 草稿 mark', async () => {
    const stored = await completeDraft()
    const doc = await exportDocument(stored.id, 'docx')
    expect(doc.draft).toBe(true)
    expect(await headerXml(doc.body)).toContain('草稿')
  })

  it('a correction opens version 2; the versions are listed and compared', async () => {
    const stored = await approved()
    await transition(stored.id, 'publish', coordinator, { baseVersion: stored.version, secrecy: secrecyRecord() })
    const e = await refused(transition(stored.id, 'correct', officer, { baseVersion: stored.version }))
    expect(e.code).toBe('reason_required')
    const opened = await transition(stored.id, 'correct', officer, {
      baseVersion: stored.version,
      reason: '更正表三数据',
    })
    expect(opened).toMatchObject({ status: 'draft', edition: 2 })

    const next = structuredClone(stored.report) as any
    next.sections.applications.newReceived.natural += 2
    next.sections.applications.granted.natural += 2
    next.sections.problemsImprovements = `${next.sections.problemsImprovements}\n补充一段说明。`
    // The overview still says 予以公开61件: a narrative warning (N1) that needs its explanation.
    next.explanations = { ...next.explanations, ...explainN1(next, '正文数字以更正后的表三为准。') }
    const saved = await saveReport(stored.id, stored.version, next, officer.id)
    // Until version 2 is approved, the published version 1 is what downloads.
    expect((await exportDocument(stored.id, 'docx')).versionNumber).toBe(1)

    await transition(stored.id, 'submit', officer, { baseVersion: saved.version })
    await transition(stored.id, 'approve', reviewer, { baseVersion: saved.version })
    const versions = await listVersions(stored.id)
    expect(versions.map((v) => [v.key, v.state, v.approvedBy])).toEqual([
      ['1', '已发布', '王审核'],
      ['2', '已审核', '王审核'],
    ])
    expect(versions[0].publishedBy).toBe('赵统筹')
    expect((await exportDocument(stored.id, 'docx')).versionNumber).toBe(2)

    const { diff } = await compareVersions(stored.id, '1', '2')
    expect(diff.cells.map((c) => c.path)).toEqual(
      expect.arrayContaining(['applications.newReceived.natural', 'applications.granted.natural']),
    )
    const natural = diff.cells.find((c) => c.path === 'applications.newReceived.natural')!
    expect(Number(natural.after) - Number(natural.before)).toBe(2)
    expect(diff.narratives.map((n) => n.sectionKey)).toEqual(['problemsImprovements'])
    expect(diff.narratives[0].rows.at(-1)).toEqual({ kind: 'added', before: null, after: '补充一段说明。' })
  })
})
