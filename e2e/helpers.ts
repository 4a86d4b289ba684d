import fs from 'node:fs'
import path from 'node:path'
import { expect, type Page } from '@playwright/test'

export function loadFixture(name: string) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'))
}

/** A unique agency name, so that tests never share data. */
export function uniqueAgency(prefix = '测试') {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}局`
}

/**
 * A table cell: its text while not focused, its input while focused (decision 0670). Classes,
 * `data-origin`, marks and the accessible name are on whichever is there.
 */
export function cell(page: Page, cellPath: string) {
  return page.locator(`[data-path="${cellPath}"]`)
}

/**
 * Focuses a cell (its editor takes the text's place: an editing host in a table, decision 0720,
 * an input beside a narrative) and types `text` into it, as `fill` does.
 */
export async function fillCell(page: Page, cellPath: string, text: string) {
  await cell(page, cellPath).focus()
  await page.locator(`:is(input, [contenteditable="plaintext-only"])[data-path="${cellPath}"]`).fill(text)
}

/** What a cell shows: its input's value (a fact beside a narrative), else its text. */
export function cellValue(page: Page, cellPath: string): Promise<string> {
  return cell(page, cellPath).evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.textContent ?? '')))
}

/** Waits until the cell shows `expected` (as `toHaveValue` does for an input). */
export async function expectCellValue(page: Page, cellPath: string, expected: string | RegExp, message?: string) {
  const shown = expect.poll(() => cellValue(page, cellPath), { message })
  if (typeof expected === 'string') await shown.toBe(expected)
  else await shown.toMatch(expected)
}

/**
 * Creates a report through the home page form and lands in the editor. The page is signed in as
 * an officer (e2e/fixtures.ts): the report is for the officer's agency, named `agency`.
 */
export async function createReportThroughUi(page: Page, agency: string, year = 2021) {
  await page.goto('/')
  const form = page.getByRole('form', { name: '新建年报' })
  await expect(form.getByLabel('机关')).toContainText(agency)
  // The button is enabled once React has taken the form over (components/use-hydrated.ts).
  await expect(form.getByRole('button', { name: '创建并开始填写' })).toBeEnabled()
  await form.getByLabel('年度').fill(String(year))
  await form.getByRole('button', { name: '创建并开始填写' }).click()
  await page.waitForURL(/\/reports\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(agency)
}

/** Dispatches a paste of text into the element, as Excel or WPS put it on the clipboard. */
export async function pasteInto(page: Page, selector: string, text: string) {
  await page.locator(selector).focus()
  // A paste goes to the focused editable element: a table cell's editor once it has taken the
  // text's place (decisions 0670, 0720), which is after hydration on a page just opened.
  await page
    .locator(`${selector}:is(input, textarea, [contenteditable="plaintext-only"]):focus`)
    .evaluate((el, data) => {
      const transfer = new DataTransfer()
      transfer.setData('text/plain', data)
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    }, text)
}

export async function expectSaved(page: Page) {
  await expect(page.locator('[data-save]')).toHaveAttribute('data-save', 'saved', { timeout: 15_000 })
}

export async function openSection(page: Page, sectionKey: string) {
  await page.locator(`.stepper [data-section="${sectionKey}"]`).click()
  await expect(page.locator(`main.section[data-section="${sectionKey}"]`)).toBeVisible()
}
