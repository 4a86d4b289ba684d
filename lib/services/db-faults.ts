/**
 * Database faults as the user should hear them. The drivers and Prisma wrap a lost connection
 * in several layers (a DriverAdapterError with a `kind`, a PrismaClientKnownRequestError with
 * P1001 and the adapter's error in `meta`, pg's own "Connection terminated", a socket code):
 * this looks through them all. A database that is down or restarting answers 503 (try again:
 * nothing was saved); a SQLite file on a full disk answers 507 (nothing was saved, tell the
 * administrator). Neither is a 500: the request was fine and the data is intact.
 */
import { ServiceError } from './errors'

export type DbFault = 'unavailable' | 'full'

/** Driver-adapter kinds meaning "the server is not there (now)". */
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])

/**
 * PostgreSQL SQLSTATEs: 57P01–57P03 admin shutdown, crash shutdown, cannot connect now (starting
 * up); class 08 connection exceptions; 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATES = /^(57P0[123]|08\w{3}|53300)$/

/** Prisma's own: P1001 can't reach, P1002 timed out, P1017 server closed the connection, P2024 pool timeout. */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1017', 'P2024'])

const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'])

const UNAVAILABLE_MESSAGE =
  /Connection terminated|terminating connection|timeout exceeded when trying to connect|Can't reach database server|Client has encountered a connection error|the database system is (starting up|shutting down)|server closed the connection/i

/** SQLite: 13 SQLITE_FULL (also for max_page_count), 5 SQLITE_BUSY and 6 LOCKED are not faults of the disk. */
const SQLITE_FULL = 13

function layers(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  const seen = new Set<unknown>()
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 6) return
    seen.add(e)
    const r = e as Record<string, unknown>
    out.push(r)
    visit(r.cause, depth + 1)
    const meta = r.meta as Record<string, unknown> | undefined
    if (meta) visit(meta.driverAdapterError ?? meta, depth + 1)
  }
  visit(error, 0)
  return out
}

/** What kind of database fault an error is, if it is one. */
export function dbFault(error: unknown): DbFault | null {
  for (const r of layers(error)) {
    const kind = r.kind
    const code = r.code ?? r.originalCode
    const name = (r.constructor as { name?: string } | undefined)?.name ?? r.name
    if (kind === 'sqlite' && (r.extendedCode === SQLITE_FULL || Number(r.originalCode) === SQLITE_FULL)) return 'full'
    if (code === 'SQLITE_FULL' || /database or disk is full/i.test(String(r.message ?? ''))) return 'full'
    if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return 'unavailable'
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_SOCKET.has(code)))
      return 'unavailable'
    if (typeof code === 'string' && UNAVAILABLE_PRISMA.has(code)) return 'unavailable'
    if (name === 'PrismaClientInitializationError') return 'unavailable'
    if (UNAVAILABLE_MESSAGE.test(String(r.message ?? '')) || UNAVAILABLE_MESSAGE.test(String(r.originalMessage ?? '')))
      return 'unavailable'
  }
  return null
}

export const DB_UNAVAILABLE_MESSAGE =
  '数据库暂时无法连接，本次操作未完成（未保存任何内容）。请稍候几秒再试；编辑中的内容仍在页面上，恢复后会自动保存。'
export const DB_FULL_MESSAGE =
  '服务器存储空间已满，本次修改未能保存（之前保存的内容完好）。请勿关闭页面，并联系系统管理员清理磁盘空间后再保存。'

/** The refusal for a database fault, or null when the error is something else. */
export function dbFaultError(error: unknown): ServiceError | null {
  switch (dbFault(error)) {
    case 'unavailable':
      return new ServiceError(503, 'db_unavailable', DB_UNAVAILABLE_MESSAGE)
    case 'full':
      return new ServiceError(507, 'storage_full', DB_FULL_MESSAGE)
    default:
      return null
  }
}
