/**
 * Sets every entry's modification time in a zip file to one instant, in place. The docx package
 * stamps entries with the time of packing; a frozen version's .docx must be the same bytes on
 * every build, and the time is not covered by the CRC, so rewriting the header fields is enough.
 */

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** MS-DOS time and date words of an instant (UTC fields, 2-second resolution, 1980–2107). */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107)
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  }
}

export function setZipTimes(zip: Buffer, at: Date): Buffer {
  const { time, date } = dosDateTime(at)
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment.
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory')
  const entries = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('zip central directory is damaged')
    zip.writeUInt16LE(time, p + 12)
    zip.writeUInt16LE(date, p + 14)
    const local = zip.readUInt32LE(p + 42)
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('zip local header is damaged')
    zip.writeUInt16LE(time, local + 10)
    zip.writeUInt16LE(date, local + 12)
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32)
  }
  return zip
}
