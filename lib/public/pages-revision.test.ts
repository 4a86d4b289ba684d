import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pagesRevision, samplePages } from './pages-revision'

const source = (file: string) => readFileSync(path.join(__dirname, file), 'utf8')

describe('the public pages’ revision (decision 0401)', () => {
  it('is a hash of what the pages render for a sample that takes every branch', () => {
    expect(pagesRevision()).toMatch(/^[0-9a-f]{16}$/)
    expect(pagesRevision()).toBe(pagesRevision())
    const all = samplePages().join('\n')
    for (const text of [
      '全部年度',
      '尚未发布年报',
      '已被更正',
      '已更正',
      '更正说明',
      '已撤回',
      '撤回理由',
      '（全区汇总）',
      '发布记录',
      '改动的数据',
      '（已删除）',
      '（无此段）',
      '情况说明',
      '这份年报只发布过一个版本',
      '页面不存在',
      '文件暂不可用',
    ])
      expect(all, text).toContain(text)
  })

  it('renders every page function of lib/public/pages.ts, so a new page cannot be left out', () => {
    const pages = [...source('pages.ts').matchAll(/export function (\w+Page)\(/g)].map((m) => m[1])
    expect(pages.length).toBeGreaterThan(5)
    const sample = source('pages-revision.ts')
    for (const name of pages) expect(sample, name).toMatch(new RegExp(`\\b${name}\\(`))
  })
})
