/**
 * Pixel-by-pixel comparison of two PNG screenshots: the number of pixels that differ and the
 * boxes they form (pixels closer than 12 px joined). `npx tsx scripts/png-diff.ts a.png b.png`.
 */
import sharp from 'sharp'

async function raw(file: string) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

async function main() {
  const [a, b] = await Promise.all(process.argv.slice(2, 4).map(raw))
  if (a.width !== b.width || a.height !== b.height) {
    console.log(`size differs: ${a.width}×${a.height} against ${b.width}×${b.height}`)
  }
  const width = Math.min(a.width, b.width)
  const height = Math.min(a.height, b.height)
  const CELL = 12
  const gw = Math.ceil(width / CELL)
  const grid = new Map<number, [number, number, number, number, number]>()
  let count = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * a.width + x) * 4
      const j = (y * b.width + x) * 4
      if (a.data[i] === b.data[j] && a.data[i + 1] === b.data[j + 1] && a.data[i + 2] === b.data[j + 2]) continue
      count++
      const key = Math.floor(y / CELL) * gw + Math.floor(x / CELL)
      const box = grid.get(key)
      if (box) {
        box[0] = Math.min(box[0], x)
        box[1] = Math.min(box[1], y)
        box[2] = Math.max(box[2], x)
        box[3] = Math.max(box[3], y)
        box[4]++
      } else grid.set(key, [x, y, x, y, 1])
    }
  }
  // Join neighbouring grid cells into boxes.
  const seen = new Set<number>()
  const boxes: [number, number, number, number, number][] = []
  for (const key of grid.keys()) {
    if (seen.has(key)) continue
    const stack = [key]
    seen.add(key)
    const box: [number, number, number, number, number] = [Infinity, Infinity, -1, -1, 0]
    while (stack.length) {
      const k = stack.pop() as number
      const c = grid.get(k) as [number, number, number, number, number]
      box[0] = Math.min(box[0], c[0])
      box[1] = Math.min(box[1], c[1])
      box[2] = Math.max(box[2], c[2])
      box[3] = Math.max(box[3], c[3])
      box[4] += c[4]
      const gx = k % gw
      for (const [dx, dy] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
        [-1, -1],
        [1, 1],
        [-1, 1],
        [1, -1],
      ]) {
        if (gx + dx < 0 || gx + dx >= gw) continue
        const n = k + dy * gw + dx
        if (grid.has(n) && !seen.has(n)) {
          seen.add(n)
          stack.push(n)
        }
      }
    }
    boxes.push(box)
  }
  console.log(`${count} px differ in ${boxes.length} boxes`)
  for (const [x0, y0, x1, y1, n] of boxes.sort((p, q) => q[4] - p[4]).slice(0, 20)) {
    console.log(`  [${x0},${y0}]–[${x1},${y1}] ${n} px`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
