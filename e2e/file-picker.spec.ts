/**
 * A file field in a browser set to English: the browser's own file input would say "Choose File"
 * and "No file chosen". Ours (components/file-picker.tsx) shows 选择文件… and 未选择文件, then the
 * chosen file's name; the input stays the keyboard's and the label's. A malformed JSON file is
 * refused in Chinese with where it breaks, not with the engine's English message, and nothing
 * is saved.
 */
import { expect, test } from './fixtures'

test.use({ locale: 'en-US' })

for (const width of [1440, 390]) {
  test(`at ${width} px in an English browser the import field speaks Chinese, and a broken JSON file is refused where it breaks`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
    await page.goto('/')
    const form = page.getByRole('region', { name: '导入年报' })
    const picker = form.locator('.file-picker')
    const button = picker.locator('.file-picker-button')
    await expect(button).toHaveText('选择文件…')
    await expect(picker.locator('.file-picker-chosen')).toHaveText('未选择文件')
    // The native control is not drawn (its words would be the browser's); the drawn button is.
    const input = form.getByLabel('选择文件')
    const inputBox = await input.boundingBox()
    expect(inputBox && inputBox.width <= 1 && inputBox.height <= 1).toBe(true)
    const buttonBox = await button.boundingBox()
    expect(buttonBox && buttonBox.width > 40 && buttonBox.height > 20).toBe(true)

    // The keyboard reaches the input, and the drawn button shows where the focus is.
    await input.focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    await expect(input).toBeFocused()
    await expect(button).toHaveCSS('outline-style', 'solid')

    const before = (await (await request.get('/api/reports')).json()).reports.length
    await input.setInputFiles({
      name: '张店区2021年报.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "formatVersion": "2021",\n  "year": 2021 x\n}'),
    })
    await expect(picker.locator('.file-picker-chosen')).toHaveText('张店区2021年报.json')
    const alert = form.getByRole('alert')
    await expect(alert).toContainText('不是有效的 JSON 文件：第3行第16个字符处有语法错误（“x”处）')
    // No English from the engine ("Unexpected token", "position"): only the file's own text.
    expect((await alert.textContent())?.replace(/JSON|“[^”]*”/g, '')).not.toMatch(/[A-Za-z]/)
    expect((await (await request.get('/api/reports')).json()).reports.length).toBe(before)
    await page.screenshot({ path: test.info().outputPath(`file-picker-${width}.png`) })
  })
}
