/**
 * Screenshots of table 三 for a pixel-by-pixel comparison of how its cells are drawn (decision
 * 1010): the bench's page (bench/keystroke.ts) at 1440×900 and 390×844, full page, as loaded and
 * after a wrong "7" in the bench's first typed cell (a finding shows). Also lists the drawn cells
 * whose text is wider than their box (scrollWidth > clientWidth), how many clip, and the scroll
 * offsets.
 *
 *   BENCH_PORT=3520 [NEXT_DIST_DIR=.next-base] npx tsx --conditions=react-server \
 *     scripts/keystroke-cell-shots.ts OUT_DIR [extra.css]
 * Compare two OUT_DIRs with scripts/png-diff.ts.
 */
import fs from 'node:fs'
import { openEditorOnTable3 } from '../bench/keystroke'

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]
const TYPED = '[data-path="applications.granted.natural"]'

async function main() {
  const [out, cssFile] = process.argv.slice(2)
  if (!out) throw new Error('usage: keystroke-cell-shots.ts OUT_DIR [extra.css]')
  fs.mkdirSync(out, { recursive: true })
  const css = cssFile ? fs.readFileSync(cssFile, 'utf8') : ''
  const { page, close } = await openEditorOnTable3()
  const facts: Record<string, unknown> = {}
  try {
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await page.reload()
      await page.locator(TYPED).waitFor()
      if (css) await page.addStyleTag({ content: css })
      await page.mouse.move(0, 0)
      await page.waitForTimeout(800)
      const overflowing = () =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.table-applications div.cell')]
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => ({
              path: el.dataset.path,
              text: el.textContent,
              scrollWidth: el.scrollWidth,
              clientWidth: el.clientWidth,
              scrollLeft: el.scrollLeft,
            })),
        )
      const scrolls = () =>
        page.evaluate(() => ({
          grid: [...document.querySelectorAll<HTMLElement>('.grid-scroll')].map((el) => el.scrollLeft),
          window: [window.scrollX, window.scrollY],
        }))
      const clipped = () =>
        page.evaluate(() => {
          const all = [...document.querySelectorAll<HTMLElement>('.table-applications div.cell')]
          return `${all.filter((el) => getComputedStyle(el).overflowX !== 'visible').length} of ${all.length}`
        })
      facts[`${size.width}-loaded`] = {
        overflowing: await overflowing(),
        clipped: await clipped(),
        scrolls: await scrolls(),
      }
      await page.screenshot({ path: `${out}/${size.width}-loaded.png`, fullPage: true })
      await page.locator(TYPED).click()
      await page.keyboard.press('End')
      await page.keyboard.press('7')
      await page.mouse.move(0, 0)
      await page.waitForTimeout(1500)
      facts[`${size.width}-typed`] = {
        overflowing: await overflowing(),
        clipped: await clipped(),
        scrolls: await scrolls(),
      }
      await page.screenshot({ path: `${out}/${size.width}-typed.png`, fullPage: true })
      await page.keyboard.press('Backspace')
      await page.waitForTimeout(300)
    }
  } finally {
    await close()
  }
  fs.writeFileSync(`${out}/facts.json`, JSON.stringify(facts, null, 1))
  console.log(JSON.stringify(facts, null, 1))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
