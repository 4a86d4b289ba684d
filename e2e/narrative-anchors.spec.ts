/**
 * Decision 0370 in the browser. (a) An explanation of a narrative finding belongs to its sentence:
 * it stays when another paragraph is edited or the sentence moves, and is asked for again when
 * the sentence itself is rewritten. (b) D2 (a topic of section 一 missing) and D3 (a government's
 * 考核/评议/追究 missing) point at the paragraph after which the topic belongs: going to the
 * finding lands in section 一's text on that paragraph, in view, and the preview marks that
 * paragraph's row.
 */
import type { Locator, Page } from '@playwright/test'
import { dataRows, leafColumns } from '../lib/format/cells'
import { GOV_2021 } from '../lib/format/gov-2021'
import type { MatrixTableDef } from '../lib/format/types'
import { explanationKey } from '../lib/rules/explanation-key'
import { createAccount, createAgency, signIn } from './accounts'
import { expect, test } from './fixtures'
import {
  createReportThroughUi,
  expectCellValue,
  expectSaved,
  fillCell,
  loadFixture,
  openSection,
  pasteInto,
} from './helpers'

const fixture = loadFixture('zhangdian-gov-2021')
const applications = GOV_2021.sections.find((s) => s.key === 'applications')
if (applications?.kind !== 'table' || applications.table.kind !== 'matrix') throw new Error('table 三 missing')
const matrix: MatrixTableDef = applications.table
const tsv = dataRows(matrix.rows)
  .map((r) =>
    leafColumns(matrix.columns)
      .map((c) => String(fixture.sections.applications[r.key][c.key]))
      .join('\t'),
  )
  .join('\r\n')

const selection = (textarea: Locator) =>
  textarea.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))

/** The stored explanations of the report open in the page. */
async function storedExplanations(page: Page): Promise<Record<string, string>> {
  const id = new URL(page.url()).pathname.split('/').at(-1)
  const res = await page.context().request.get(`/api/reports/${id}`)
  expect(res.status()).toBe(200)
  return (await res.json()).report.explanations ?? {}
}

/** A new report of `agency` with the fixture's table 三 pasted (105 applications). */
async function reportWithTable3(page: Page, agency: string) {
  await createReportThroughUi(page, agency)
  await openSection(page, 'applications')
  await pasteInto(page, '[data-path="applications.newReceived.natural"]', tsv)
  await expectCellValue(page, 'applications.resultsTotal.total', '105')
}

test('an explanation stays with its sentence when other paragraphs change and is asked again when the sentence is rewritten', async ({
  page,
  officer,
}) => {
  test.setTimeout(120_000)
  await reportWithTable3(page, officer.agency.name)

  await openSection(page, 'overview')
  const narrative = page.locator('textarea[data-path="overview"]')
  const sentence = '本年度共新收政府信息公开申请170件。'
  const other = '本机关坚持以公开为常态、不公开为例外，持续完善依申请公开工作机制，规范办理流程。'
  await narrative.fill(['（二）依申请公开', sentence, other].join('\n'))
  const finding = page.locator('.finding[data-rule="N1"]')
  await expect(finding).toHaveCount(1)
  await expect(finding).toHaveAttribute('data-paragraph', 'overview.2')
  // The box is created on demand (decision 0950): the item asks, a click opens it, focused.
  const explain = finding.locator('.finding-explain textarea')
  const shown = finding.locator('.finding-explain-text')
  const ask = finding.getByRole('button', { name: '填写情况说明' })
  await expect(explain).toHaveCount(0)
  await ask.click()
  await expect(explain).toBeFocused()
  const because = '申请数含上级转办件，以表中数据为准。'
  await explain.fill('申请数含上级转办件，')
  // Left, the text stays shown; clicking it edits it again, the caret after the text.
  await narrative.focus()
  await expect(shown).toHaveText('申请数含上级转办件，')
  await expect(explain).toHaveCount(0)
  await shown.click()
  await expect(explain).toBeFocused()
  await page.keyboard.type('以表中数据为准。')
  await expect(explain).toHaveValue(because)
  await expectSaved(page)
  const key = explanationKey({ ruleId: 'N1', narrative: { section: 'overview', paragraph: 2 }, quote: sentence })
  expect(await storedExplanations(page)).toMatchObject({ [key]: because })

  // Another paragraph is edited, and a paragraph is put before the sentence: the explanation stays.
  await narrative.fill(['工作概述', '（二）依申请公开', sentence, `${other}全年未发生行政复议。`].join('\n'))
  await expect(finding).toHaveAttribute('data-paragraph', 'overview.3')
  await expect(shown).toHaveText(because)
  await expectSaved(page)
  await page.reload()
  await openSection(page, 'overview')
  await expect(finding).toHaveAttribute('data-paragraph', 'overview.3')
  await expect(shown).toHaveText(because)

  // The sentence itself is rewritten (still contradicting the table): it asks again.
  const rewritten = '本年度共新收政府信息公开申请171件。'
  await narrative.fill(['工作概述', '（二）依申请公开', rewritten, other].join('\n'))
  await expect(finding.locator('.finding-quote')).toContainText(rewritten)
  await expect(ask).toBeVisible()
  await expectSaved(page)
  await page.reload()
  await openSection(page, 'overview')
  await expect(finding.locator('.finding-quote')).toContainText(rewritten)
  await expect(ask).toBeVisible()
  await expect(shown).toHaveCount(0)
  // The old sentence's explanation is not the new one's.
  const stored = await storedExplanations(page)
  expect(
    stored[explanationKey({ ruleId: 'N1', narrative: { section: 'overview', paragraph: 3 }, quote: rewritten })],
  ).toBe(undefined)
})

test('the explanation box being typed in stays open and focused when its finding changes under it (a merge)', async ({
  page,
  officer,
}) => {
  test.setTimeout(120_000)
  await reportWithTable3(page, officer.agency.name)
  await openSection(page, 'overview')
  await page
    .locator('textarea[data-path="overview"]')
    .fill(['（二）依申请公开', '本年度共新收政府信息公开申请170件。'].join('\n'))
  const finding = page.locator('.finding[data-rule="N1"]')
  await expect(finding).toHaveCount(1)
  const fix = finding.locator('.finding-resolve').first()
  const before = await fix.textContent()
  await finding.getByRole('button', { name: '填写情况说明' }).click()
  const explain = finding.locator('.finding-explain textarea')
  await explain.pressSequentially('申请数含')
  await expectSaved(page)

  // Another tab of the same officer changes table 三; this tab's next save merges it in, and the
  // finding's numbers change while its box has the focus (decision 0950).
  const other = await page.context().newPage()
  await other.goto(page.url())
  await openSection(other, 'applications')
  await fillCell(other, 'applications.newReceived.natural', '999')
  await expectSaved(other)
  await other.close()
  await page.bringToFront()
  await explain.focus()
  await page.keyboard.press('End')
  await page.keyboard.type('上级转办件')
  await expectSaved(page)
  await expect(fix).not.toHaveText(before ?? '')
  await expect(explain).toBeFocused()
  await expect(explain).toHaveValue('申请数含上级转办件')
  await page.keyboard.type('。')
  await expect(explain).toHaveValue('申请数含上级转办件。')
})

/**
 * Where the selection's first line is, inside the textarea's view and in the window: measured
 * with a hidden copy of its text wrapped at the same width (a textarea does not tell).
 */
async function caretBox(textarea: Locator) {
  return textarea.evaluate((el: HTMLTextAreaElement) => {
    const style = getComputedStyle(el)
    const mirror = document.createElement('div')
    for (const p of [
      'fontFamily',
      'fontSize',
      'fontWeight',
      'lineHeight',
      'letterSpacing',
      'wordSpacing',
      'tabSize',
      'paddingTop',
      'paddingRight',
      'paddingBottom',
      'paddingLeft',
    ] as const)
      mirror.style[p] = style[p]
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
    Object.assign(mirror.style, {
      position: 'absolute',
      visibility: 'hidden',
      left: '-10000px',
      top: '0',
      boxSizing: 'content-box',
      border: '0',
      width: `${el.clientWidth - padding}px`,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'break-word',
    })
    mirror.textContent = el.value.slice(0, el.selectionStart)
    const marker = document.createElement('span')
    marker.textContent = el.value.slice(el.selectionStart, el.selectionEnd) || '.'
    mirror.append(marker)
    document.body.append(mirror)
    const top = marker.offsetTop - el.scrollTop
    const height = parseFloat(style.lineHeight) || marker.offsetHeight
    mirror.remove()
    const box = el.getBoundingClientRect()
    return {
      top,
      height,
      boxHeight: el.clientHeight,
      windowTop: box.top + el.clientTop + top,
      windowHeight: innerHeight,
    }
  })
}

test('D2 and D3 are shown at the paragraph where the topic belongs; going there selects that paragraph, in view', async ({
  browser,
  admin,
  baseURL,
}) => {
  test.setTimeout(120_000)
  // D3 is a government's rule: an officer of a government writes this report.
  const gov = await createAgency(admin, 'government')
  const officer = await createAccount(admin, 'officer', gov.id)
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signIn(context.request, baseURL as string, officer)
  const page = await context.newPage()
  await createReportThroughUi(page, gov.name)
  await openSection(page, 'overview')

  // 主动公开 and 依申请公开 are written; 政府信息管理 onwards are not; nothing of 考核/评议/追究.
  const filler = (i: number) =>
    `本机关第${i}项工作坚持问题导向，明确分管负责同志和具体承办人员，按月调度推进情况，确保各项任务落到实处。`
  const lines = [
    '（一）主动公开',
    '全年主动公开政府信息312条，及时发布政策文件、通知公告和工作动态，方便群众查阅。',
    '（二）依申请公开',
    '本机关依申请公开工作规范有序，申请的受理、登记、办理、答复各环节均按规定时限完成。',
    ...Array.from({ length: 14 }, (_, i) => filler(i + 1)),
  ]
  const narrative = page.locator('textarea[data-path="overview"]')
  await narrative.fill(lines.join('\n'))
  await expectSaved(page)

  for (const [rule, line] of [
    ['D2', 4],
    ['D3', lines.length],
  ] as const) {
    const finding = page.locator(`.finding[data-rule="${rule}"]`)
    await expect(finding).toHaveAttribute('data-paragraph', `overview.${line}`)
    await expect(page.locator(`.narrative-mark[data-rule="${rule}"]`)).toHaveAttribute('data-paragraph', String(line))
    // Away from the text first, so that the go-to has to bring it back.
    await page.evaluate(() => window.scrollTo(0, 0))
    await finding.locator('.finding-go').click()
    await expect(narrative).toBeFocused()
    // The selection is in that paragraph (a quote cut short selects on to its sentence's end).
    await expect.poll(() => selection(narrative)).not.toBe('')
    const selected = await selection(narrative)
    expect(lines[line - 1].startsWith(selected)).toBe(true)
    // Geometry: the selected line is inside the textarea's box and inside the window.
    const caret = await caretBox(narrative)
    expect(caret.top).toBeGreaterThanOrEqual(0)
    expect(caret.top + caret.height).toBeLessThanOrEqual(caret.boxHeight + 1)
    expect(caret.windowTop).toBeGreaterThanOrEqual(0)
    expect(caret.windowTop + caret.height).toBeLessThanOrEqual(caret.windowHeight)
    // The preview marks that paragraph's row, and the paragraph's text lies inside the mark.
    const row = page.locator(`.pv-row[data-line="${line}"]`)
    await expect(row).toHaveAttribute('data-mark', 'warning')
    await row.scrollIntoViewIfNeeded()
    const rowBox = await row.boundingBox()
    const textBox = await row.evaluate(
      (el, text) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.textContent ?? '').indexOf(text)
          if (at < 0) continue
          const range = document.createRange()
          range.setStart(n, at)
          range.setEnd(n, at + text.length)
          const r = range.getBoundingClientRect()
          return { x: r.x, y: r.y, width: r.width, height: r.height }
        }
        return null
      },
      lines[line - 1].slice(0, 12),
    )
    expect(rowBox && textBox).toBeTruthy()
    expect(textBox!.y).toBeGreaterThanOrEqual(rowBox!.y - 0.5)
    expect(textBox!.y + textBox!.height).toBeLessThanOrEqual(rowBox!.y + rowBox!.height + 0.5)
    expect(textBox!.x).toBeGreaterThanOrEqual(rowBox!.x - 0.5)
    expect(textBox!.x + textBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width + 0.5)
    // The neighbouring rows carry no mark of their own.
    await expect(page.locator(`.pv-row[data-line="${line - 1}"]`)).not.toHaveAttribute('data-mark', /.+/)
  }
  await page.screenshot({ path: test.info().outputPath('narrative-anchors-1440.png') })
  await context.close()
})
