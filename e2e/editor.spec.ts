import { expect, test } from './fixtures'
import { dataRows, leafColumns, sectionCells } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import type { MatrixTableDef } from '../lib/format/types'
import { derivedCells } from '../lib/rules/derive'
import {
  cell,
  createReportThroughUi,
  expectCellValue,
  expectSaved,
  fillCell,
  loadFixture,
  openSection,
  pasteInto,
} from './helpers'

const fixture = loadFixture('zhangdian-gov-2021')
const derived = derivedCells(GOV_2021)
const applications = GOV_2021.sections.find((s) => s.key === 'applications')
if (applications?.kind !== 'table' || applications.table.kind !== 'matrix') throw new Error('table 三 missing')
const matrix: MatrixTableDef = applications.table
const rows = dataRows(matrix.rows).map((r) => r.key)
const columns = leafColumns(matrix.columns).map((c) => c.key)
const value = (p: string) => p.split('.').reduce((o: any, k) => o?.[k], fixture.sections)

/** Table 三 as Excel copies it: every row, every column including 总计, tab-separated. */
function applicationsTsv(fromRow: number, toRow: number) {
  return rows
    .slice(fromRow, toRow)
    .map((r) => columns.map((c) => String(fixture.sections.applications[r][c])).join('\t'))
    .join('\r\n')
}

test('an officer types and pastes table 三, sees findings appear and clear, and finds everything after a reload', async ({
  page,
  officer,
}) => {
  await createReportThroughUi(page, officer.agency.name)
  await openSection(page, 'applications')

  // Type the first row cell by cell, with a full-width digit and moving with the keyboard.
  const first = columns.filter((c) => !derived.has(`applications.newReceived.${c}`))
  await cell(page, `applications.newReceived.${first[0]}`).click()
  for (const c of first) {
    const v = String(fixture.sections.applications.newReceived[c])
    await page.keyboard.type(
      c === first[0] ? v.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : v,
    )
    await page.keyboard.press('ArrowRight')
  }
  await expectCellValue(page, 'applications.newReceived.total', String(fixture.sections.applications.newReceived.total))

  // Paste the rest, except the last row, as a block copied from a spreadsheet.
  await pasteInto(page, '[data-path="applications.carriedOver.natural"]', applicationsTsv(1, rows.length - 1))
  await expect(page.getByRole('status')).toContainText('已粘贴')
  await expectCellValue(
    page,
    'applications.resultsTotal.total',
    String(fixture.sections.applications.resultsTotal.total),
  )

  // A wrong 结转 breaks the 勾稽 relation: the finding appears with the expected value and clears when fixed.
  const carried = fixture.sections.applications.carriedForward
  for (const c of first) {
    await fillCell(page, `applications.carriedForward.${c}`, String(carried[c] + (c === 'natural' ? 1 : 0)))
  }
  const finding = page.locator('.finding[data-rule="A3.natural"]')
  await expect(finding).toBeVisible()
  const { newReceived, carriedOver } = fixture.sections.applications
  await expect(finding).toContainText(`应为 ${newReceived.natural + carriedOver.natural}`)
  await expect(cell(page, 'applications.carriedForward.natural')).toHaveClass(/cell-mark-error/)
  await finding.getByRole('button').click()
  await expect(cell(page, 'applications.carriedForward.natural')).toBeFocused()
  await fillCell(page, 'applications.carriedForward.natural', String(carried.natural))
  await expect(finding).toHaveCount(0)
  // Table 三 is consistent now; only the empty narratives (D1) are still errors.
  await expect(page.locator('.finding-error[data-rule^="A"]')).toHaveCount(0)

  // Letters are refused at the cell, and the stored value stays.
  await fillCell(page, 'applications.granted.natural', '十二')
  await expect(page.locator('.cell-status')).toContainText('不是数字')
  await expect(page.locator('[data-save="invalid-input"]')).toContainText('1 处输入无法保存')
  await fillCell(page, 'applications.granted.natural', String(fixture.sections.applications.granted.natural))
  await expect(page.locator('[data-save="invalid-input"]')).toHaveCount(0)

  await expectSaved(page)
  await page.reload()
  await openSection(page, 'applications')
  for (const r of rows) {
    for (const c of columns) {
      await expectCellValue(page, `applications.${r}.${c}`, String(fixture.sections.applications[r][c]))
    }
  }
})

test('tables 二 and 四, the narratives and the fee statement are saved; completing is refused while a cell is blank', async ({
  page,
  officer,
}) => {
  await createReportThroughUi(page, officer.agency.name)
  for (const key of ['proactiveDisclosure', 'reviewLitigation']) {
    const section = GOV_2021.sections.find((s) => s.key === key)
    if (!section) throw new Error(key)
    await openSection(page, key)
    for (const c of sectionCells(section)) {
      if (derived.has(c.path)) continue
      await fillCell(page, c.path, String(value(c.path)))
    }
  }
  await expectCellValue(page, 'reviewLitigation.review.total', String(fixture.sections.reviewLitigation.review.total))

  await openSection(page, 'overview')
  await pasteInto(page, '[data-path="overview"]', fixture.sections.overview)
  await expect(page.locator('.preview-page .pv-heading-2').first()).toBeVisible()
  await openSection(page, 'problemsImprovements')
  await page.locator('[data-path="problemsImprovements"]').fill(fixture.sections.problemsImprovements)
  await openSection(page, 'otherMatters')
  await fillCell(page, 'otherMatters.infoProcessingFee.noticesIssued', '0')
  await fillCell(page, 'otherMatters.infoProcessingFee.amountBilledYuan', '0')
  await fillCell(page, 'otherMatters.infoProcessingFee.amountCollectedYuan', '0')
  await page.getByRole('button', { name: '生成标准表述' }).click()
  await expect(page.locator('[data-path="otherMatters.text"]')).toHaveValue(/信息处理费/)

  // Table 三 is still blank: completing is refused and says where.
  await page.getByRole('button', { name: '标记为完成' }).click()
  const refusal = page.getByTestId('completion-refusal')
  await expect(refusal).toContainText('空白')
  await expect(refusal).toContainText('还不能标记为完成')
  const blanks = async () => Number(/有 (\d+) 处空白/.exec((await refusal.textContent()) ?? '')?.[1])
  const blanksBefore = await blanks()
  await refusal.getByRole('button', { name: /转到第一处/ }).click()
  await expect(page.locator('main.section')).toHaveAttribute('data-section', 'applications')
  // The refusal follows the edits: one cell filled, one blank fewer.
  await fillCell(page, 'applications.newReceived.natural', '1')
  await expect.poll(blanks).toBe(blanksBefore - 1)

  await expectSaved(page)
  await page.reload()
  await openSection(page, 'reviewLitigation')
  await expectCellValue(
    page,
    'reviewLitigation.litigationDirect.upheld',
    String(fixture.sections.reviewLitigation.litigationDirect.upheld),
  )
  await openSection(page, 'otherMatters')
  await expect(page.locator('[data-path="otherMatters.text"]')).toHaveValue(/信息处理费/)
  await expect(page.getByTestId('report-status')).toHaveText('草稿')
})

test('a report with no applications is zero-filled in one action and can be completed', async ({ page, officer }) => {
  await createReportThroughUi(page, officer.agency.name)
  page.on('dialog', (d) => d.accept())
  for (const key of ['proactiveDisclosure', 'applications', 'reviewLitigation']) {
    await openSection(page, key)
    await page.getByRole('button', { name: /全部填0/ }).click()
  }
  await expectCellValue(page, 'reviewLitigation.review.total', '0')
  for (const key of ['overview', 'problemsImprovements']) {
    await openSection(page, key)
    await page.locator(`[data-path="${key}"]`).fill(fixture.sections[key])
  }
  // The opening paragraph is shown first, with 一、总体情况 (a missing one is warning D5).
  await openSection(page, 'overview')
  await page.locator('section.preamble textarea').fill(fixture.preamble)
  await openSection(page, 'otherMatters')
  for (const f of ['noticesIssued', 'amountBilledYuan', 'amountCollectedYuan']) {
    await fillCell(page, `otherMatters.infoProcessingFee.${f}`, '0')
  }
  await page.getByRole('button', { name: '生成标准表述' }).click()
  // The overview of the fixture lacks 监督保障: the warning needs an explanation first.
  await page.getByRole('button', { name: '标记为完成' }).click()
  await expect(page.getByTestId('completion-refusal')).toContainText('情况说明')
  // A warning's box is opened on demand (decision 0950): a click, then the focused box.
  const typing = page.locator('.finding textarea:focus')
  await page.locator('.finding[data-rule="D2"]').getByRole('button', { name: '填写情况说明' }).click()
  await typing.fill('监督保障情况已在其他部分说明。')
  // The fixture's section 一 carries OCR debris (L1, one finding per paragraph): one explanation covers the rule.
  await page.locator('.finding[data-rule="L1"]').first().getByRole('button', { name: '填写情况说明' }).click()
  await typing.fill('识别残留已核对，发布前按原件改正。')
  // The fixture's overview speaks of 105 applications, the zero-filled table of none: the
  // narrative's contradicted counts (N1) are warnings that need their explanation too, each
  // sentence its own (decision 0370).
  await expect(page.locator('.finding[data-rule="N1"]').first()).toBeVisible()
  // Every other sentence the zero-filled table contradicts waits for its own explanation too.
  const waiting = page.locator('.finding .finding-explain-ask')
  for (let i = 0; i < 40 && (await waiting.count()) > 0; i++) {
    await waiting.first().click()
    await typing.fill('正文为去年的示例文字，以表中数据为准。')
  }
  await expect(waiting).toHaveCount(0)
  await expectSaved(page)
  await page.getByRole('button', { name: '标记为完成' }).click()
  await expect(page.getByTestId('completion-refusal')).toHaveCount(0)
  await expect(page.getByTestId('report-status')).toHaveText('已完成')
  await page.reload()
  await expect(page.getByTestId('report-status')).toHaveText('已完成')
})

test('a lost connection shows the failure, keeps the change and saves it when the connection returns', async ({
  page,
  context,
  officer,
}) => {
  await createReportThroughUi(page, officer.agency.name)
  await openSection(page, 'reviewLitigation')
  await context.setOffline(true)
  await fillCell(page, 'reviewLitigation.review.upheld', '4')
  await expect(page.locator('[data-save]')).toHaveAttribute('data-save', 'failed')
  await expect(page.locator('[data-save]')).toContainText('保存失败')
  await context.setOffline(false)
  await expectSaved(page)
  await page.reload()
  await openSection(page, 'reviewLitigation')
  await expectCellValue(page, 'reviewLitigation.review.upheld', '4')
})
