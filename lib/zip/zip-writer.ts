/**
 * A streaming .zip writer (decision 0350): each entry is compressed once when it is built (and
 * stored in the database with its CRC-32 and size), then the archive is written entry by entry,
 * local header and bytes, with only the central directory's small records kept until the end.
 * Names are UTF-8 with general purpose bit 11 set, so 张店区 stays 张店区 in any unzip tool. No
 * ZIP64: an archive or entry past 4 GiB is refused.
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface PackedEntry {
  name: string
  /** 8 deflated, 0 stored. */
  method: 0 | 8
  /** CRC-32 of the uncompressed bytes (unsigned). */
  crc32: number
  /** Uncompressed size. */
  size: number
  /** The bytes as they go into the zip. */
  body: Uint8Array
}

const UTF8_FLAG = 1 << 11
const LIMIT = 0xffffffff

/** Compresses an entry's bytes once, keeping them stored when deflate gains nothing (a .docx, a PDF). */
export function packEntry(name: string, bytes: Uint8Array): PackedEntry {
  const deflated = deflateRawSync(bytes, { level: 6 })
  const store = deflated.length >= bytes.length
  return {
    name,
    method: store ? 0 : 8,
    crc32: crc32(bytes) >>> 0,
    size: bytes.length,
    body: store ? bytes : new Uint8Array(deflated.buffer, deflated.byteOffset, deflated.length),
  }
}

/** MS-DOS date and time of a moment, in China (the zip format has no time zone). */
export function dosTime(at: Date): { time: number; date: number } {
  const china = new Date(at.getTime() + 8 * 3_600_000)
  return {
    time: (china.getUTCHours() << 11) | (china.getUTCMinutes() << 5) | (china.getUTCSeconds() >> 1),
    date:
      ((Math.max(1980, china.getUTCFullYear()) - 1980) << 9) | ((china.getUTCMonth() + 1) << 5) | china.getUTCDate(),
  }
}

interface Written {
  name: Buffer
  method: number
  crc32: number
  compressed: number
  size: number
  offset: number
}

function localHeader(e: PackedEntry, name: Buffer, when: { time: number; date: number }): Buffer {
  const h = Buffer.alloc(30)
  h.writeUInt32LE(0x04034b50, 0)
  h.writeUInt16LE(20, 4)
  h.writeUInt16LE(UTF8_FLAG, 6)
  h.writeUInt16LE(e.method, 8)
  h.writeUInt16LE(when.time, 10)
  h.writeUInt16LE(when.date, 12)
  h.writeUInt32LE(e.crc32 >>> 0, 14)
  h.writeUInt32LE(e.body.length, 18)
  h.writeUInt32LE(e.size, 22)
  h.writeUInt16LE(name.length, 26)
  h.writeUInt16LE(0, 28)
  return Buffer.concat([h, name])
}

function centralRecord(w: Written, when: { time: number; date: number }): Buffer {
  const h = Buffer.alloc(46)
  h.writeUInt32LE(0x02014b50, 0)
  h.writeUInt16LE((3 << 8) | 20, 4) // made by Unix, version 2.0
  h.writeUInt16LE(20, 6)
  h.writeUInt16LE(UTF8_FLAG, 8)
  h.writeUInt16LE(w.method, 10)
  h.writeUInt16LE(when.time, 12)
  h.writeUInt16LE(when.date, 14)
  h.writeUInt32LE(w.crc32 >>> 0, 16)
  h.writeUInt32LE(w.compressed, 20)
  h.writeUInt32LE(w.size, 24)
  h.writeUInt16LE(w.name.length, 28)
  h.writeUInt32LE((0o100644 << 16) >>> 0, 38) // a regular file, rw-r--r--
  h.writeUInt32LE(w.offset, 42)
  return Buffer.concat([h, w.name])
}

/**
 * The archive as a sequence of byte chunks, reading the entries one at a time: memory holds one
 * entry and the central directory's records, never the whole archive.
 */
export async function* zipChunks(
  entries: AsyncIterable<PackedEntry>,
  at: Date = new Date(),
): AsyncGenerator<Uint8Array> {
  const when = dosTime(at)
  const written: Written[] = []
  let offset = 0
  for await (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const header = localHeader(e, name, when)
    if (offset + header.length + e.body.length > LIMIT || e.size > LIMIT || written.length >= 0xffff)
      throw new Error('压缩包超过 4 GB 或 65535 个文件，请分年度或分批下载')
    written.push({ name, method: e.method, crc32: e.crc32, compressed: e.body.length, size: e.size, offset })
    yield header
    yield e.body
    offset += header.length + e.body.length
  }
  const central = written.map((w) => centralRecord(w, when))
  const centralSize = central.reduce((s, c) => s + c.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(written.length, 8)
  end.writeUInt16LE(written.length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  for (const c of central) yield c
  yield end
}

/** A web stream of the archive, pulled as the browser reads it. */
export function zipStream(entries: AsyncIterable<PackedEntry>, at?: Date): ReadableStream<Uint8Array> {
  const chunks = zipChunks(entries, at)
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next()
        if (next.done) controller.close()
        else controller.enqueue(next.value)
      } catch (e) {
        controller.error(e)
      }
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
}
