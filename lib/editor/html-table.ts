/**
 * Reads the first <table> of an HTML fragment (what a browser puts on the clipboard as text/html
 * when a table is copied from a portal page or from Word) into rows of cell texts, with rowspan
 * and colspan expanded: a merged cell's text is repeated in every position it covers, so that a
 * row label spanning three columns or a group label spanning eight rows stands in each row.
 *
 * A small tokenizer rather than DOMParser, so that the same code runs in the browser and in the
 * unit tests (node has no DOM); clipboard HTML is flat enough for it (no nested tables are read).
 */

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

function attribute(tag: string, name: string): number {
  const m = new RegExp(`\\s${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(tag)
  const n = m ? Number(m[1]) : 1
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1
}

interface RawCell {
  text: string
  rowSpan: number
  colSpan: number
}

/** The rows of the first table, merged cells expanded; null when the fragment holds no table. */
export function parseHtmlTable(html: string): string[][] | null {
  const start = html.search(/<table[\s>]/i)
  if (start < 0) return null
  const end = html.search(/<\/table\s*>/i)
  const body = html.slice(start, end > start ? end : html.length)
  // Comments, styles and Word's conditional blocks carry no cell text.
  const clean = body.replace(/<!--[\s\S]*?-->/g, '').replace(/<(style|script)[\s\S]*?<\/\1\s*>/gi, '')
  const rows: RawCell[][] = []
  const tokens = clean.matchAll(/<(\/?)(tr|td|th)\b([^>]*)>|<[^>]+>|[^<]+/gi)
  let row: RawCell[] | null = null
  let cell: RawCell | null = null
  let text = ''
  const closeCell = () => {
    if (cell && row) {
      cell.text = decode(text).replace(/\s+/g, ' ').trim()
      row.push(cell)
    }
    cell = null
    text = ''
  }
  for (const t of tokens) {
    const [whole, closing, name, attrs] = t
    const tag = name?.toLowerCase()
    if (tag === 'tr') {
      closeCell()
      if (!closing) {
        row = []
        rows.push(row)
      } else row = null
    } else if (tag === 'td' || tag === 'th') {
      closeCell()
      if (!closing) {
        if (!row) {
          row = []
          rows.push(row)
        }
        cell = { text: '', rowSpan: attribute(attrs, 'rowspan'), colSpan: attribute(attrs, 'colspan') }
      }
    } else if (whole[0] !== '<' && cell) {
      // Other tags (<p>, <span>, <br>) add nothing: Word writes narrow headings one character per
      // paragraph (结¶果¶维¶持), which reads back as one word.
      text += whole
    }
  }
  closeCell()

  // Lay the cells out on a grid, skipping positions covered by a rowspan from above.
  const grid: string[][] = []
  rows.forEach((cells, r) => {
    grid[r] ??= []
    let c = 0
    for (const cellDef of cells) {
      while (grid[r][c] !== undefined) c++
      for (let dr = 0; dr < cellDef.rowSpan && r + dr < rows.length; dr++) {
        grid[r + dr] ??= []
        for (let dc = 0; dc < cellDef.colSpan; dc++) grid[r + dr][c + dc] = cellDef.text
      }
      c += cellDef.colSpan
    }
  })
  const width = Math.max(0, ...grid.map((g) => g.length))
  return grid.map((g) => Array.from({ length: width }, (_, i) => g[i] ?? '')).filter((g) => g.some((t) => t !== ''))
}
