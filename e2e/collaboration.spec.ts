/**
 * Two tabs (or two people) on one report: changes of different cells merge, a change of the same
 * cell is a conflict shown at that cell with both values and a choice (PATCH /api/reports/:id).
 */
import { expect, test } from './fixtures'
import { cell, createReportThroughUi, expectCellValue, expectSaved, fillCell, openSection } from './helpers'

const X = 'applications.newReceived.natural'
const Y = 'applications.newReceived.commercial'
const Z = 'applications.granted.natural'

test('two tabs editing different cells both save; the same cell is a conflict at that cell', async ({
  page,
  context,
  officer,
}, testInfo) => {
  await createReportThroughUi(page, officer.agency.name)
  const url = page.url()
  const other = await context.newPage()
  await other.goto(`${url}?section=applications`)
  await openSection(page, 'applications')

  // A edits X, B (loaded before) edits Y: both saved, B does not become read-only and shows A's value.
  await fillCell(page, X, '5')
  await expectSaved(page)
  await fillCell(other, Y, '7')
  await expectSaved(other)
  await expectCellValue(other, X, '5')
  await expect(cell(other, Y)).toBeEditable()

  // Both edit Z: B sees the conflict at Z with both values.
  await fillCell(page, Z, '3')
  await expectSaved(page)
  await fillCell(other, Z, '4')
  const note = other.locator(`[data-conflict="sections.${Z}"]`)
  await expect(note).toBeVisible()
  await expect(note.locator('[data-side="mine"]')).toHaveText('您的：4')
  await expect(note.locator('[data-side="theirs"]')).toHaveText('对方的：3')
  await expectCellValue(other, Z, '3')
  await expect(other.locator('[data-save]')).toHaveAttribute('data-save', 'conflicts')

  // The note sits in Z's own cell, below its input, and covers no other cell.
  const td = other.locator(`td[data-conflict="${Z}"]`)
  const [tdBox, noteBox, inputBox] = await Promise.all([
    td.boundingBox(),
    note.boundingBox(),
    cell(other, Z).boundingBox(),
  ])
  expect(tdBox && noteBox && inputBox).toBeTruthy()
  if (!tdBox || !noteBox || !inputBox) return
  expect(noteBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height - 1)
  expect(noteBox.x).toBeGreaterThanOrEqual(tdBox.x - 1)
  expect(noteBox.x + noteBox.width).toBeLessThanOrEqual(tdBox.x + tdBox.width + 1)
  expect(noteBox.y + noteBox.height).toBeLessThanOrEqual(tdBox.y + tdBox.height + 1)
  await note.scrollIntoViewIfNeeded()
  await other.screenshot({ path: testInfo.outputPath('conflict-1440.png') })

  // 保留我的: B's value is saved over A's.
  await note.getByRole('button', { name: '保留我的' }).click()
  await expect(note).toHaveCount(0)
  await expectCellValue(other, Z, '4')
  await expectSaved(other)

  await page.reload()
  await openSection(page, 'applications')
  await expectCellValue(page, X, '5')
  await expectCellValue(page, Y, '7')
  await expectCellValue(page, Z, '4')

  // The history names each cell by its label with old and new values.
  await page.goto(`${url}/history`)
  const changes = page.locator('.change-list li')
  await expect(changes.filter({ hasText: '（空白） → 5' })).toHaveCount(1)
  await expect(changes.filter({ hasText: '3 → 4' })).toHaveCount(1)
  await expect(page.locator(`.change-list li[data-path="sections.${Z}"]`).first()).not.toContainText('applications')
})

test('on a phone the conflict choice is reachable, and 采用对方的 keeps the other value', async ({
  page,
  context,
  officer,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await createReportThroughUi(page, officer.agency.name)
  const url = page.url()
  const other = await context.newPage()
  await other.setViewportSize({ width: 390, height: 844 })
  await other.goto(`${url}?section=applications`)
  await openSection(page, 'applications')
  await fillCell(page, Z, '8')
  await expectSaved(page)
  await fillCell(other, Z, '9')
  const note = other.locator(`[data-conflict="sections.${Z}"]`)
  await note.scrollIntoViewIfNeeded()
  await expect(note).toBeInViewport()
  await other.screenshot({ path: testInfo.outputPath('conflict-390.png') })
  await note.getByRole('button', { name: '采用对方的' }).click()
  await expect(note).toHaveCount(0)
  await expectCellValue(other, Z, '8')
  await other.reload()
  await openSection(other, 'applications')
  await expectCellValue(other, Z, '8')
})

test('PATCH merges paragraphs, answers conflicts with both values and refuses bad values by path', async ({
  request,
}) => {
  const { id } = await (await request.post('/api/reports', { data: { formatVersion: '2021', year: 2023 } })).json()
  const patch = (changes: unknown[]) => request.patch(`/api/reports/${id}`, { data: { changes } })

  const first = await patch([{ path: 'sections.overview', base: '', value: '甲\n乙\n丙' }])
  expect(first.status()).toBe(200)
  expect(await first.json()).toMatchObject({ version: 2, applied: 1, conflicts: [] })
  // Two people, both based on version 2, change paragraphs 1 and 3: both merge.
  await patch([{ path: 'sections.overview#1', base: '甲', value: '甲一' }])
  const third = await (await patch([{ path: 'sections.overview#3', base: '丙', value: '丙三' }])).json()
  expect(third).toMatchObject({ version: 4, conflicts: [] })
  // Paragraph 1 again from the old base: a conflict with both values, nothing written.
  const stale = await (await patch([{ path: 'sections.overview#1', base: '甲', value: '甲二' }])).json()
  expect(stale).toMatchObject({
    version: 4,
    applied: 0,
    conflicts: [{ path: 'sections.overview#1', base: '甲', mine: '甲二', theirs: '甲一' }],
  })
  const stored = await (await request.get(`/api/reports/${id}`)).json()
  expect(stored.report.sections.overview).toBe('甲一\n乙\n丙三')

  const bad = await patch([{ path: `sections.${X}`, base: null, value: '5O' }])
  expect(bad.status()).toBe(422)
  expect((await bad.json()).fields).toHaveProperty([`sections.${X}`], expect.stringContaining('5O'))
  const shape = await request.patch(`/api/reports/${id}`, { data: { changes: 'all' } })
  expect(shape.status()).toBe(400)
})
