import { describe, expect, it } from 'vitest'
import { prisma } from '@/lib/db'
import { HISTORY_PAGE_SIZE } from '@/lib/requests/limits'
import { newDraft } from '@/test/services'
import { reportHistory } from './history'

describe('history pages', () => {
  it('answers at most 200 events a page, newest first, and every event on some page once', async () => {
    const stored = await newDraft(2031)
    const start = Date.UTC(2031, 0, 1)
    await prisma.reportEvent.createMany({
      data: Array.from({ length: 2 * HISTORY_PAGE_SIZE + 5 }, (_, i) => ({
        reportId: stored.id,
        kind: 'save',
        version: i + 2,
        summary: JSON.stringify({ changed: [] }),
        createdAt: new Date(start + i * 1000),
      })),
    })
    const first = await reportHistory(stored.id)
    expect(first.events).toHaveLength(HISTORY_PAGE_SIZE)
    expect(first.total).toBe(2 * HISTORY_PAGE_SIZE + 6)
    expect(first.pageCount).toBe(3)
    expect(first.events[0].version).toBe(2 * HISTORY_PAGE_SIZE + 6)
    const pages = [first, await reportHistory(stored.id, 2), await reportHistory(stored.id, 3)]
    const ids = pages.flatMap((p) => p.events.map((e) => e.id))
    expect(new Set(ids).size).toBe(first.total)
    expect(pages[2].events.at(-1)?.kind).toBe('create')
    expect((await reportHistory(stored.id, 4)).events).toEqual([])
  })
})
