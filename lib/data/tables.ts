/**
 * The tables plain SQL reads or writes, each declared against its Prisma model with the columns
 * the statements use (lib/data/table.ts). Names are the database's: a model's @@map, else the
 * model name. lib/data/schema-names.test.ts checks every name here against prisma/schema.prisma.
 */
import 'server-only'
import type {
  Agency,
  Comment,
  GovernmentSetting,
  Membership,
  PublishedFile,
  Report,
  ReportEvent,
  ReportPdf,
  ReportText,
  Rollup,
  ReportVersion,
  ReportVersionCells,
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

/** A report's narratives apart from its content (decision 0840, lib/report/content-split.ts). */
export const reportTexts = defineTable<ReportText>()('ReportText', {
  reportId: 'string',
  narratives: 'string',
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
  publishedByName: 'string',
  correctionNote: 'string',
  withdrawnAt: 'date',
  withdrawnReason: 'string',
})

/** A frozen version's table cells in the roll-up's order (decision 0410). */
export const reportVersionCells = defineTable<ReportVersionCells>()('ReportVersionCells', {
  versionId: 'string',
  paths: 'string',
  cells: 'string',
})

/** The frozen files of a published version (decision 0300); the body is read through Prisma. */
export const publishedFiles = defineTable<PublishedFile>()('PublishedFile', {
  id: 'string',
  versionId: 'string',
  kind: 'string',
  fileName: 'string',
  mediaType: 'string',
  sha256: 'string',
  size: 'int',
})

/** A government's settings: the portal origin that may frame its column (decision 0320). */
export const governmentSettings = defineTable<GovernmentSetting>()('GovernmentSetting', {
  agencyId: 'string',
  portalOrigin: 'string',
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

export const users = defineTable<User>()('user', {
  id: 'string',
  name: 'string',
  email: 'string',
  isAdmin: 'boolean',
  deactivatedAt: 'date',
  mustChangePassword: 'boolean',
})

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
  publishedFiles,
  governmentSettings,
  reportPdfs,
]
