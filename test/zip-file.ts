/**
 * Builds .zip files for tests the way Windows tools do: entry names as given bytes (GBK without
 * the UTF-8 flag), deflated or stored; sizes may be declared falsely to play a zip bomb.
 */
import { deflateRawSync } from 'node:zlib'

export interface TestZipEntry {
  /** The name's bytes as stored (GBK for a Windows archive). */
  name: Uint8Array
  bytes: Uint8Array
  utf8Flag?: boolean
  store?: boolean
  /** Declared uncompressed size, when it should lie. */
  declaredSize?: number
}

/** 年报 in GBK, as 资源管理器 writes a Chinese name. */
export const GBK_NIANBAO = Uint8Array.from([0xc4, 0xea, 0xb1, 0xa8])
/** 张店区 in GBK. */
export const GBK_ZHANGDIANQU = Uint8Array.from([0xd5, 0xc5, 0xb5, 0xea, 0xc7, 0xf8])

export const gbkName = (...parts: (Uint8Array | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : [...p])))

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const b of bytes) {
    crc ^= b
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

export function zipFile(entries: TestZipEntry[]): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const data = e.store ? Buffer.from(e.bytes) : deflateRawSync(e.bytes)
    const flags = e.utf8Flag ? 0x800 : 0
    const method = e.store ? 0 : 8
    const crc = crc32(e.bytes)
    const size = e.declaredSize ?? e.bytes.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(e.name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(e.name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, Buffer.from(e.name), data)
    centrals.push(central, Buffer.from(e.name))
    offset += 30 + e.name.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, dir, end]))
}
