import { describe, expect, it } from 'vitest'
import { createReportInput, FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from './create-report'
import { commentInput, documentQuery, versionsQuery } from './reports'

describe('report request schemas', () => {
  it('one year range for the create form and the server', () => {
    const ok = (year: number) => createReportInput.safeParse({ formatVersion: '2021', year }).success
    expect(ok(FIRST_REPORT_YEAR)).toBe(true)
    expect(ok(LAST_REPORT_YEAR)).toBe(true)
    expect(ok(FIRST_REPORT_YEAR - 1)).toBe(false)
    expect(ok(LAST_REPORT_YEAR + 1)).toBe(false)
    expect(ok(2022.5)).toBe(false)
  })

  it('a comment names its place or the thread it answers', () => {
    expect(commentInput.safeParse({ anchor: 'overview', body: '意见' }).success).toBe(true)
    expect(commentInput.safeParse({ parentId: 'c1', body: '回复' }).success).toBe(true)
    const nowhere = commentInput.safeParse({ body: '意见' })
    expect(nowhere.success).toBe(false)
    expect(nowhere.error?.issues[0]).toMatchObject({ path: ['anchor'], message: expect.stringContaining('某一部分') })
  })

  it('a document query becomes the export request and its source', () => {
    expect(documentQuery.parse({})).toEqual({
      request: { fontMode: 'gb2312', signatureDate: null, inline: false },
      source: 'auto',
    })
    expect(documentQuery.parse({ fonts: 'stock', signature: '2022-01-20', inline: '1', version: '2' })).toEqual({
      request: { fontMode: 'stock', signatureDate: '2022-01-20', inline: true },
      source: 2,
    })
    expect(documentQuery.parse({ source: 'working', signature: '' }).source).toBe('working')
    for (const bad of [{ signature: '2023-02-30' }, { version: '0' }, { version: 'x' }, { fonts: 'comic' }]) {
      expect(documentQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
  })

  it('versions are numbers or the working copy', () => {
    expect(versionsQuery.parse({ a: '1', b: 'working' })).toEqual({ a: '1', b: 'working' })
    expect(versionsQuery.safeParse({ a: '1; drop' }).success).toBe(false)
  })
})
