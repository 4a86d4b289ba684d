/**
 * A stand-in for the official faces, which Debian does not have: one face of an installed font
 * collection (.ttc) written as a font file of its own under another family name (仿宋_GB2312,
 * 方正小标宋简体), so a test can fill a font folder and see the PDF embed the configured faces.
 */
import fs from 'node:fs'

function nameOf(buf: Buffer, tables: Map<string, { offset: number; length: number }>): string | null {
  const t = tables.get('name')
  if (!t) return null
  const count = buf.readUInt16BE(t.offset + 2)
  const strings = t.offset + buf.readUInt16BE(t.offset + 4)
  for (let i = 0; i < count; i++) {
    const r = t.offset + 6 + 12 * i
    const [platform, , language, nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => buf.readUInt16BE(r + k))
    if (platform === 3 && language === 0x409 && nameId === 1) {
      return buf
        .subarray(strings + offset, strings + offset + length)
        .swap16()
        .toString('utf16le')
    }
  }
  return null
}

function tableDirectory(buf: Buffer, at: number) {
  const tables = new Map<string, { offset: number; length: number }>()
  const count = buf.readUInt16BE(at + 4)
  for (let i = 0; i < count; i++) {
    const r = at + 12 + 16 * i
    tables.set(buf.toString('latin1', r, r + 4), { offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) })
  }
  return tables
}

function nameTable(english: string, chinese: string, postscript: string): Buffer {
  const records: [number, number, string][] = [
    [0x409, 1, english],
    [0x409, 2, 'Regular'],
    [0x409, 4, english],
    [0x409, 6, postscript],
    [0x804, 1, chinese],
    [0x804, 2, 'Regular'],
    [0x804, 4, chinese],
  ]
  const strings = records.map(([, , s]) => Buffer.from(s, 'utf16le').swap16())
  const head = Buffer.alloc(6 + 12 * records.length)
  head.writeUInt16BE(0, 0)
  head.writeUInt16BE(records.length, 2)
  head.writeUInt16BE(head.length, 4)
  let offset = 0
  records.forEach(([language, nameId], i) => {
    const r = 6 + 12 * i
    for (const [k, v] of [3, 1, language, nameId, strings[i].length, offset].entries()) head.writeUInt16BE(v, r + 2 * k)
    offset += strings[i].length
  })
  return Buffer.concat([head, ...strings])
}

/**
 * The names a PDF embeds come from the CFF table (the font's name and, in a CID font, the name
 * of each font dict: NotoSerifCJKjp-Regular-Ideographs …). Their common prefix is overwritten in
 * place with the new name, cut or padded to its length, since every offset after it would move.
 */
function renameCff(cff: Buffer, name: string): void {
  const at = cff.readUInt8(2)
  const offSize = cff.readUInt8(at + 2)
  const offset = (k: number) => cff.readUIntBE(at + 3 + k * offSize, offSize)
  const data = at + 3 + 2 * offSize - 1
  const original = cff.toString('latin1', data + offset(0), data + offset(1))
  const prefix = original.split('-')[0]
  const replacement = name
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(prefix.length, 'x')
    .slice(0, prefix.length)
  for (let i = cff.indexOf(prefix, 0, 'latin1'); i >= 0; i = cff.indexOf(prefix, i + prefix.length, 'latin1')) {
    cff.write(replacement, i, 'latin1')
  }
}

/** Writes face `family` of the collection as `file`, named english / chinese / postscript. */
export function writeRenamedFont(
  collection: string,
  family: string,
  file: string,
  names: { english: string; chinese: string; postscript: string },
): void {
  const buf = fs.readFileSync(collection)
  if (buf.toString('latin1', 0, 4) !== 'ttcf') throw new Error(`${collection} is not a font collection`)
  const count = buf.readUInt32BE(8)
  for (let i = 0; i < count; i++) {
    const at = buf.readUInt32BE(12 + 4 * i)
    const tables = tableDirectory(buf, at)
    if (nameOf(buf, tables) !== family) continue
    const entries = [...tables.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    const data = entries.map(([tag, t]) => {
      if (tag === 'name') return nameTable(names.english, names.chinese, names.postscript)
      const table = Buffer.from(buf.subarray(t.offset, t.offset + t.length))
      if (tag === 'CFF ') renameCff(table, names.postscript)
      return table
    })
    const header = Buffer.alloc(12 + 16 * entries.length)
    buf.copy(header, 0, at, at + 4)
    header.writeUInt16BE(entries.length, 4)
    const pow = 2 ** Math.floor(Math.log2(entries.length))
    header.writeUInt16BE(pow * 16, 6)
    header.writeUInt16BE(Math.log2(pow), 8)
    header.writeUInt16BE(entries.length * 16 - pow * 16, 10)
    let offset = header.length
    const parts: Buffer[] = [header]
    entries.forEach(([tag], k) => {
      const r = 12 + 16 * k
      header.write(tag, r, 'latin1')
      header.writeUInt32BE(0, r + 4)
      header.writeUInt32BE(offset, r + 8)
      header.writeUInt32BE(data[k].length, r + 12)
      const padded = Buffer.alloc(Math.ceil(data[k].length / 4) * 4)
      data[k].copy(padded)
      parts.push(padded)
      offset += padded.length
    })
    fs.writeFileSync(file, Buffer.concat(parts))
    return
  }
  throw new Error(`${family} not in ${collection}`)
}
