/**
 * The tables plain SQL reads or writes, each declared against its Prisma model with the columns
 * the statements use (lib/data/table.ts). Names are the database's: a model's @@map, else the
 * model name. lib/data/schema-names.test.ts checks every name here against prisma/schema.prisma.
 */
import 'server-only'
import type {
  Agency,
  Comment,
  Membership,
  Report,
  ReportEvent,
  ReportPdf,
  Rollup,
  ReportVersion,
  Session,
  User,
} from '@/generated/prisma/client'
import { defineTable } from './table'

export const reports = defineTable<Report>()('Report', {
  id: 'string',
  agencyId: 'string',
  year: 'int',
  kind: 'string',
  scope: 'string',
  formatVersion: 'string',
  status: 'string',
  edition: 'int',
  version: 'int',
  content: 'string',
  errorCount: 'int',
  warningCount: 'int',
  blankCount: 'int',
  updatedAt: 'date',
})

export const reportEvents = defineTable<ReportEvent>()('ReportEvent', {
  id: 'string',
  reportId: 'string',
  kind: 'string',
  version: 'int',
  summary: 'string',
  actor: 'string',
  actorName: 'string',
  createdAt: 'date',
})

export const reportVersions = defineTable<ReportVersion>()('ReportVersion', {
  id: 'string',
  reportId: 'string',
  number: 'int',
  content: 'string',
  approvedAt: 'date',
  publishedAt: 'date',
})

export const comments = defineTable<Comment>()('Comment', {
  id: 'string',
  reportId: 'string',
  parentId: 'string',
  resolvedAt: 'date',
})

export const agencies = defineTable<Agency>()('Agency', {
  id: 'string',
  code: 'string',
  name: 'string',
  type: 'string',
  level: 'string',
  parentId: 'string',
  predecessorId: 'string',
})

export const users = defineTable<User>()('user', { id: 'string', name: 'string', email: 'string', isAdmin: 'boolean' })

export const memberships = defineTable<Membership>()('Membership', {
  userId: 'string',
  agencyId: 'string',
  role: 'string',
  createdAt: 'date',
})

export const sessions = defineTable<Session>()('session', {
  userId: 'string',
  token: 'string',
  expiresAt: 'date',
  updatedAt: 'date',
})

export const rollups = defineTable<Rollup>()('Rollup', {
  id: 'string',
  agencyId: 'string',
  year: 'int',
  formatVersion: 'string',
  basis: 'string',
  result: 'string',
  reportId: 'string',
  createdById: 'string',
  createdAt: 'date',
})

export const reportPdfs = defineTable<ReportPdf>()('ReportPdf', {
  id: 'string',
  versionId: 'string',
  signature: 'string',
  createdAt: 'date',
})

export const ALL_TABLES = [
  reports,
  reportEvents,
  reportVersions,
  comments,
  agencies,
  users,
  memberships,
  sessions,
  rollups,
  reportPdfs,
]
