/**
 * The grid keeps every cell in its place when rules fail and after a paste, at desktop and phone
 * widths: geometry is asserted (bounding boxes), not only DOM values. Paste of published tables
 * maps rows by label and keeps disagreeing printed totals as findings.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { cell, cellValue, expectCellValue, fillCell, loadFixture } from './helpers'

const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const

function publishedTable(name: string, marker: string): string {
  const page = fs.readFileSync(path.join(__dirname, '..', 'test', 'published', `${name}.html`), 'utf8')
  const table = [...page.matchAll(/<table[\s\S]*?<\/table>/gi)].map((m) => m[0]).find((t) => t.includes(marker))
  if (!table) throw new Error(`no table with ${marker} in ${name}`)
  return table
}

async function importFixture(page: Page, name: string): Promise<string> {
  const res = await page.context().request.post('/api/reports/import', {
    data: { file: JSON.stringify(loadFixture(name)) },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()).id
}

/** Pastes as a browser does when a table is copied from a web page: text/plain and text/html. */
async function pasteHtml(page: Page, selector: string, html: string) {
  await page.locator(selector).focus()
  // To the focused cell's editor (decisions 0670, 0720), as a real paste.
  await page
    .locator(`${selector}:is(input, textarea, [contenteditable="plaintext-only"]):focus`)
    .evaluate((el, data) => {
      const transfer = new DataTransfer()
      transfer.setData('text/plain', 'x\ty')
      transfer.setData('text/html', `<html><body>${data}</body></html>`)
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    }, html)
}

/**
 * Every input of the table lies inside its row's box and inside the horizontal span of the lowest
 * column header above its column (merges resolved as the browser lays them out).
 */
async function expectInputsInPlace(page: Page, table: string) {
  const misplaced = await page.locator(`table[data-table="${table}"]`).evaluate((el) => {
    const t = el as HTMLTableElement
    // Column index of every cell, rowspans and colspans counted.
    const taken: boolean[][] = []
    const position = new Map<HTMLTableCellElement, number>()
    Array.from(t.rows).forEach((row, r) => {
      taken[r] ??= []
      let c = 0
      for (const cellEl of Array.from(row.cells)) {
        while (taken[r][c]) c++
        position.set(cellEl, c)
        for (let dr = 0; dr < cellEl.rowSpan; dr++) {
          taken[r + dr] ??= []
          for (let dc = 0; dc < cellEl.colSpan; dc++) taken[r + dr][c + dc] = true
        }
        c += cellEl.colSpan
      }
    })
    const headers = t.tHead ? Array.from(t.tHead.rows).flatMap((row) => Array.from(row.cells)) : []
    const headerAt = (col: number) =>
      headers
        .filter((h) => {
          const start = position.get(h) ?? -1
          return col >= start && col < start + h.colSpan
        })
        .at(-1)
    const out: string[] = []
    // Each value cell: its text, or its input while focused (decision 0670).
    for (const input of Array.from(t.querySelectorAll<HTMLElement>('.cell[data-path]'))) {
      const td = input.closest('td') as HTMLTableCellElement
      const tr = td.parentElement as HTMLTableRowElement
      const box = input.getBoundingClientRect()
      const rowBox = tr.getBoundingClientRect()
      const header = headerAt(position.get(td) ?? -1)
      const span = header?.getBoundingClientRect()
      const inRow = box.top >= rowBox.top - 1 && box.bottom <= rowBox.bottom + 1
      // Table 二 has no header over its value columns in thead: its rows carry their own.
      const inColumn = !span || (box.left >= span.left - 1 && box.right <= span.right + 1)
      if (!inRow || !inColumn) out.push(`${input.dataset.path} ${JSON.stringify({ box, rowBox, span })}`)
    }
    return out
  })
  expect(misplaced).toEqual([])
}

/**
 * Every row label's content box is at least four characters wide: a CJK label has no word breaks,
 * so a narrow column wraps it two characters a line (seen at 390 px on （一）…（七） rows).
 */
async function expectRowLabelsReadable(page: Page, table: string) {
  const narrow = await page.locator(`table[data-table="${table}"]`).evaluate((el) =>
    Array.from(el.querySelectorAll<HTMLElement>('th.grid-rowhead'))
      .map((th) => {
        const style = getComputedStyle(th)
        const content = th.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
        return { text: (th.textContent ?? '').trim(), chars: content / Number.parseFloat(style.fontSize) }
      })
      .filter((label) => label.text.length >= 4 && label.chars < 4)
      .map((label) => `${label.text}: ${label.chars.toFixed(1)}`),
  )
  expect(narrow).toEqual([])
}

for (const size of WIDTHS) {
  test(`a rule broken in table 三 marks the cell in place at ${size.width} px; 转到 focuses it visibly`, async ({
    page,
  }) => {
    await page.setViewportSize(size)
    const id = await importFixture(page, 'zhangdian-gov-2021')
    await page.goto(`/reports/${id}?section=applications`)
    const granted = 'applications.granted.natural'
    const before = await cellValue(page, granted)
    await fillCell(page, granted, String(Number(before) + 1))
    const finding = page.locator('.finding-error[data-rule^="A"]').first()
    await expect(finding).toBeVisible()
    const marked = page.locator('table[data-table="applications"] .cell-mark-error')
    await expect(marked.first()).toBeVisible()
    await expectInputsInPlace(page, 'applications')
    await expectRowLabelsReadable(page, 'applications')

    // The message is readable on focus, above the table, not over a cell.
    await marked.first().focus()
    await expect(page.locator('.cell-status')).toContainText('应为')

    await page.screenshot({ path: `test-results/grid-applications-findings-${size.width}.png`, fullPage: true })

    // 转到 from the findings panel: the cell at fault is focused, on screen, and nothing covers it.
    await page.locator('main.section').click({ position: { x: 5, y: 5 } })
    await finding.getByRole('button').first().click()
    const target = page.locator('[contenteditable="plaintext-only"][data-path]:focus')
    await expect(target).toHaveCount(1)
    await expect(target).toBeInViewport()
    const covered = await target.evaluate((el) => {
      const b = el.getBoundingClientRect()
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2)
      return hit === el ? null : (hit?.outerHTML.slice(0, 120) ?? 'nothing')
    })
    expect(covered).toBeNull()
    await expectInputsInPlace(page, 'applications')
  })
}

for (const size of WIDTHS) {
  test(`the table's cells are text, the focused one an editor in the same box, at ${size.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(size)
    const id = await importFixture(page, 'zhangdian-gov-2021')
    await page.goto(`/reports/${id}?section=applications`)
    const table = page.locator('table[data-table="applications"]')
    // No form control in the table (decision 0670), not even the focused cell (decision 0720).
    await expect(table.locator('.cell[data-path]').first()).toBeVisible()
    const controls = table.locator('input, textarea, select, button, output')
    await expect(controls).toHaveCount(0)
    const editors = table.locator('[contenteditable="plaintext-only"]')
    await expect(editors).toHaveCount(0)
    const path = 'applications.granted.natural'
    await cell(page, path).scrollIntoViewIfNeeded()
    const drawn = await cell(page, path).boundingBox()
    const text = await cellValue(page, path)
    await cell(page, path).click()
    const editor = page.locator(`[contenteditable="plaintext-only"][data-path="${path}"]`)
    await expect(editor).toBeFocused()
    await expect(editors).toHaveCount(1)
    await expect(controls).toHaveCount(0)
    await expect(editor).toHaveText(text)
    // Focus selects the cell's text: typing replaces it.
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(text)
    const box = await editor.boundingBox()
    expect(drawn).not.toBeNull()
    expect(box).not.toBeNull()
    if (!drawn || !box) return
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[k] - drawn[k]), k).toBeLessThan(1)
    // Tab moves the editor to the next entered cell; the one left is text again.
    await page.keyboard.press('Tab')
    await expect(editors).toHaveCount(1)
    await expect(editor).toHaveCount(0)
    await expect(cell(page, path)).toHaveText(text)
    await expect(editors).toBeFocused()
    // Shift+Tab brings it back to the first cell.
    await page.keyboard.press('Shift+Tab')
    await expect(editor).toBeFocused()
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(text)
    await expectInputsInPlace(page, 'applications')
  })
}

test('at 390 px table 三 scrolls sideways under frozen labels: each row keeps its group labels, no number shows beside them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=applications`)
  const table = page.locator('table[data-table="applications"]')
  await expect(table.locator('.cell[data-path]').first()).toBeVisible()
  await page.screenshot({ path: 'test-results/grid-applications-390-scrolled-before.png' })
  // Scrolled to its right end (what a thumb does first).
  const scrolled = await table.evaluate((t) => {
    const scroller = t.parentElement as HTMLElement
    scroller.scrollLeft = scroller.scrollWidth
    return scroller.scrollLeft
  })
  expect(scrolled).toBeGreaterThan(100)
  // Each body row, scrolled to the middle of the screen: the labels that cover it (its own and the
  // group labels spanning it) are one block from the corner's left edge to its right edge, and the
  // point just inside that edge is a label, not a value cell drawn under it.
  const rows = await table.evaluate(async (el, scrolledTo) => {
    const t = el as HTMLTableElement
    const scroller = t.parentElement as HTMLElement
    const out: string[] = []
    const labels = Array.from(t.tBodies[0].querySelectorAll<HTMLElement>('th'))
    for (const [i, tr] of Array.from(t.tBodies[0].rows as HTMLCollectionOf<HTMLTableRowElement>).entries()) {
      window.scrollTo(0, window.scrollY + tr.getBoundingClientRect().top - 300)
      await new Promise(requestAnimationFrame)
      const corner = (t.querySelector('.grid-corner') as HTMLElement).getBoundingClientRect()
      const row = tr.getBoundingClientRect()
      const y = row.top + row.height / 2
      const spans = labels
        .map((th: HTMLElement) => th.getBoundingClientRect())
        .filter((b) => b.top <= y && b.bottom >= y)
        .sort((a, b) => a.left - b.left)
      let reach = corner.left
      for (const b of spans) if (b.left <= reach + 1) reach = Math.max(reach, b.right)
      const hit = document.elementFromPoint(corner.right - 3, y)
      if (scroller.scrollLeft !== scrolledTo) out.push(`row ${i}: the table scrolled back to ${scroller.scrollLeft}`)
      if (Math.abs(reach - corner.right) > 1) out.push(`row ${i}: labels reach ${reach}, the corner ${corner.right}`)
      if (!hit?.closest('th')) out.push(`row ${i}: ${hit?.outerHTML.slice(0, 80)} beside the labels`)
    }
    return out
  }, scrolled)
  expect(rows).toEqual([])
  await page.screenshot({ path: 'test-results/grid-applications-390-scrolled.png' })
})

test('a browser without plain-text editing hosts (Firefox ESR) edits the focused cell in an input, and it saves', async ({
  page,
}) => {
  // Firefox before 136 refuses contenteditable="plaintext-only" (setting it throws), as here.
  await page.addInitScript(() => {
    const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'contentEditable')
    Object.defineProperty(HTMLElement.prototype, 'contentEditable', {
      configurable: true,
      get() {
        return own?.get?.call(this)
      },
      set(value: string) {
        if (value === 'plaintext-only') throw new DOMException('not supported', 'SyntaxError')
        own?.set?.call(this, value)
      },
    })
  })
  await page.setViewportSize(WIDTHS[0])
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=applications`)
  const table = page.locator('table[data-table="applications"]')
  const path = 'applications.granted.natural'
  await cell(page, path).click()
  await expect(table.locator(`input[data-path="${path}"]`)).toBeFocused()
  await expect(table.locator('[contenteditable="plaintext-only"]')).toHaveCount(0)
  await fillCell(page, path, '41')
  await page.keyboard.press('Tab')
  await expect(table.locator('input')).toHaveCount(1)
  await expect(cell(page, path)).toHaveText('41')
  // Saved on the server (autosave's PATCH is a keepalive request, which Playwright does not report).
  await expect
    .poll(async () => {
      const res = await page.context().request.get(`/api/reports/${id}`)
      return (await res.json()).report?.sections?.applications?.granted?.natural
    })
    .toBe(41)
  await page.reload()
  await expectCellValue(page, path, '41')
})

test('pasting a published 2019 table 三 (23 rows) says where （六） went and flags a printed total that disagrees', async ({
  page,
}) => {
  await page.setViewportSize(WIDTHS[0])
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=applications`)
  await pasteHtml(
    page,
    '[data-path="applications.newReceived.natural"]',
    publishedTable('pingtan-zrzj-2020', '申请人情况'),
  )
  const notice = page.getByRole('status').filter({ hasText: '已粘贴' })
  await expect(notice).toContainText('粘贴内容有23行：（六）其他处理已计入（六）3.其他')
  await expectCellValue(page, 'applications.otherOther.natural', '2')
  // The published （七）总计 leaves out one 法律服务机构 application: 0 printed, 1 computed.
  const stated = page.locator('.finding[data-rule="S1"]')
  await expect(stated).toContainText('表中写明 0，各项之和为 1')
  await expect(stated).toContainText('表中写明 9，各项之和为 10')
  await expect(cell(page, 'applications.resultsTotal.legalService')).toHaveClass(/cell-mark-error/)
  await expect(cell(page, 'applications.resultsTotal.total')).toHaveClass(/cell-mark-error/)
  await expectInputsInPlace(page, 'applications')
  await page.setViewportSize(WIDTHS[1])
  await expectInputsInPlace(page, 'applications')
  await page.setViewportSize(WIDTHS[0])

  // The stated values are saved with the report and come back after a reload.
  await expect(page.locator('[data-save]')).toHaveAttribute('data-save', 'saved', { timeout: 15_000 })
  await page.reload()
  await expect(page.locator('.finding[data-rule="S1"]')).toContainText('表中写明 9，各项之和为 10')
  // 以各项之和为准: the printed totals go, and so does the finding.
  await page.locator('.finding[data-rule="S1"]').getByRole('button', { name: '以各项之和为准' }).click()
  await expect(page.locator('.finding[data-rule="S1"]')).toHaveCount(0)
})

test('pasting a 表四 whose 总计 is wrong keeps the printed value as a finding at that cell', async ({ page }) => {
  await page.setViewportSize(WIDTHS[0])
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=reviewLitigation`)
  // 复议 维持1 … 总计0, as in a published 表四 with an arithmetic error.
  const table = publishedTable('pingtan-xzspj-2024', '复议后起诉')
  await pasteHtml(page, '[data-path="reviewLitigation.review.upheld"]', table)
  await expectCellValue(page, 'reviewLitigation.review.upheld', '1')
  await expectCellValue(page, 'reviewLitigation.review.total', '1')
  const stated = page.locator('.finding[data-rule="S1"]')
  await expect(stated).toContainText('表中写明 0，各项之和为 1')
  await expect(cell(page, 'reviewLitigation.review.total')).toHaveClass(/cell-mark-error/)
  await expectInputsInPlace(page, 'reviewLitigation')
  // Correcting the parts to agree with the printed total clears it too.
  await fillCell(page, 'reviewLitigation.review.upheld', '0')
  await expect(stated).toHaveCount(0)
})

test('text that is not a number stays in the cell with its message; the header counts it; leaving warns', async ({
  page,
}) => {
  await page.setViewportSize(WIDTHS[0])
  const id = await importFixture(page, 'zhangdian-gov-2021')
  await page.goto(`/reports/${id}?section=reviewLitigation`)
  const upheld = cell(page, 'reviewLitigation.review.upheld')
  await fillCell(page, 'reviewLitigation.review.upheld', '5O')
  await expectCellValue(page, 'reviewLitigation.review.upheld', '5O')
  await expect(page.locator('.cell-status')).toContainText('不是数字')
  const header = page.locator('[data-save="invalid-input"]')
  await expect(header).toContainText('1 处输入无法保存')
  await expect(page.locator('[data-save="saved"]')).toHaveCount(0)
  // The header names the cell and takes the officer there.
  await page.locator('main.section').click({ position: { x: 5, y: 5 } })
  await header.getByRole('button').click()
  await expect(upheld).toBeFocused()
  await expectCellValue(page, 'reviewLitigation.review.upheld', '5O')

  const dialog = new Promise<string>((resolve) =>
    page.once('dialog', async (d) => {
      resolve(d.type())
      await d.dismiss()
    }),
  )
  await page.close({ runBeforeUnload: true })
  expect(await dialog).toBe('beforeunload')
})
