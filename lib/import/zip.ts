/**
 * Unpacks a .zip of published reports. Windows (资源管理器, WinRAR, 360压缩) writes entry names in
 * GBK without the UTF-8 flag: those names are decoded as GBK (UTF-8 when they read as UTF-8).
 * Bounded before anything is inflated: entry count, each entry's and the total declared size,
 * the compression ratio, and each inflation stops at the declared size (a lying header is a
 * refusal, not a memory blow-up).
 */
import { inflateRawSync } from 'node:zlib'

export interface ZipLimits {
  maxEntries: number
  maxEntryBytes: number
  maxTotalBytes: number
  /** Uncompressed / compressed above this is a zip bomb. */
  maxRatio: number
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 200,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
}

export interface ZipEntry {
  /** The entry's path inside the archive, decoded. */
  name: string
  bytes: Uint8Array
}

export class ZipError extends Error {}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

const utf8 = new TextDecoder('utf-8', { fatal: true })
const gbk = new TextDecoder('gbk')

/** An entry name without the UTF-8 flag: UTF-8 if it is valid UTF-8 (many tools omit the flag), else GBK. */
export function decodeZipName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw)
  if (raw.every((b) => b < 0x80)) return String.fromCharCode(...raw)
  try {
    return utf8.decode(raw)
  } catch {
    return gbk.decode(raw)
  }
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

export function unzip(input: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipError('压缩包已损坏（找不到目录），无法解压。')
  const count = bytes.readUInt16LE(eocd + 10)
  let offset = bytes.readUInt32LE(eocd + 16)
  if (count === 0xffff || offset === 0xffffffff)
    throw new ZipError('不支持 ZIP64 格式的压缩包，请用常规 ZIP 格式重新压缩。')
  if (count > limits.maxEntries) throw new ZipError(`压缩包内有${count}个文件，一次最多${limits.maxEntries}个。`)
  const out: ZipEntry[] = []
  let total = 0
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL) {
      throw new ZipError('压缩包已损坏（目录不完整），无法解压。')
    }
    const flags = bytes.readUInt16LE(offset + 8)
    const method = bytes.readUInt16LE(offset + 10)
    const compressed = bytes.readUInt32LE(offset + 20)
    const size = bytes.readUInt32LE(offset + 24)
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    const local = bytes.readUInt32LE(offset + 42)
    const name = decodeZipName(bytes.subarray(offset + 46, offset + 46 + nameLength), (flags & 0x800) !== 0)
    offset += 46 + nameLength + extraLength + commentLength
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue
    if (flags & 1) throw new ZipError(`压缩包内的“${name}”已加密，请解密后再上传。`)
    if (method !== 0 && method !== 8)
      throw new ZipError(`压缩包内的“${name}”使用了不支持的压缩方式，请用常规 ZIP 格式重新压缩。`)
    if (size > limits.maxEntryBytes) {
      throw new ZipError(`压缩包内的“${name}”解压后超过${limits.maxEntryBytes / 1024 / 1024}MB，未读取。`)
    }
    total += size
    if (total > limits.maxTotalBytes) {
      throw new ZipError(`压缩包解压后超过${limits.maxTotalBytes / 1024 / 1024}MB，未读取。请分批上传。`)
    }
    if (compressed > 0 && size / compressed > limits.maxRatio) {
      throw new ZipError(`压缩包内的“${name}”压缩比异常（疑似“压缩炸弹”），未读取。`)
    }
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) {
      throw new ZipError(`压缩包内的“${name}”已损坏，无法解压。`)
    }
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28)
    const data = bytes.subarray(start, start + compressed)
    if (data.length !== compressed) throw new ZipError(`压缩包内的“${name}”不完整，无法解压。`)
    let content: Buffer
    try {
      // maxOutputLength: a header that understates the size stops here instead of filling memory.
      content = method === 0 ? Buffer.from(data) : inflateRawSync(data, { maxOutputLength: Math.max(size, 1) })
    } catch {
      throw new ZipError(`压缩包内的“${name}”已损坏或大小与声明不符，无法解压。`)
    }
    if (content.length !== size) throw new ZipError(`压缩包内的“${name}”大小与声明不符，未读取。`)
    out.push({ name, bytes: new Uint8Array(content) })
  }
  return out
}
