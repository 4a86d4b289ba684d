import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatFor } from '@/lib/format/index'
import {
  changesNarrative,
  isNarrativePath,
  joinContent,
  joinParts,
  narrativePaths,
  splitContent,
} from './content-split'

const fixture = (name: string) => readFileSync(path.join(__dirname, '../../fixtures', name), 'utf8')

describe('a report in two parts', () => {
  for (const name of ['zhangdian-gov-2021.json', 'zichuan-gov-2020.json', 'zhangdian-office-2022.json']) {
    it(`joins back to the same text, byte for byte (${name})`, () => {
      const text = JSON.stringify(JSON.parse(fixture(name)))
      const report = JSON.parse(text)
      const format = formatFor(report.formatVersion)
      if (!format) throw new Error('no format')
      const { cells, texts } = splitContent(format, report)
      expect(JSON.stringify(report)).toBe(text) // not changed
      expect(joinContent(cells, texts)).toBe(text)
      // The texts are most of the report; the cells part holds none of them.
      const moved = JSON.parse(texts) as Record<string, string>
      expect(Object.keys(moved).length).toBeGreaterThan(0)
      expect(cells.length).toBeLessThan(text.length - Object.values(moved).join('').length + 1)
    })
  }

  it('takes the narratives from the format definition', () => {
    const format = formatFor('2021')
    if (!format) throw new Error('no format')
    const paths = narrativePaths(format)
    expect(paths).toContain('overview')
    expect(paths.some((p) => p.includes('.'))).toBe(true) // a narrative with facts: only its text
    expect(isNarrativePath(format, 'overview')).toBe(true)
    expect(isNarrativePath(format, 'applications.newReceived.natural')).toBe(false)
  })

  it('leaves an absent narrative absent, and a whole report as it is without texts', () => {
    const format = formatFor('2021')
    if (!format) throw new Error('no format')
    const report = { formatVersion: '2021', sections: { overview: 'a' } }
    const { cells, texts } = splitContent(format, report)
    expect(JSON.parse(cells)).toEqual({ formatVersion: '2021', sections: { overview: null } })
    expect(JSON.parse(texts)).toEqual({ overview: 'a' })
    expect(joinContent(cells, texts)).toBe(JSON.stringify(report))
    expect(joinContent('{"sections":{"overview":"whole"}}', null)).toBe('{"sections":{"overview":"whole"}}')
    // A text written into the content itself (not null) wins over a stale one.
    expect(joinContent('{"sections":{"overview":"new"}}', '{"overview":"old"}')).toBe('{"sections":{"overview":"new"}}')
  })
})

describe('changesNarrative', () => {
  const format = formatFor('2021')
  if (!format) throw new Error('no format')
  it('names a narrative, a paragraph of one, or a whole narrative-with-facts section', () => {
    const withFacts = narrativePaths(format).find((p) => p.includes('.')) as string
    expect(changesNarrative(format, [{ path: 'sections.overview' }])).toBe(true)
    expect(changesNarrative(format, [{ path: 'sections.overview#2' }])).toBe(true)
    expect(changesNarrative(format, [{ path: `sections.${withFacts}` }])).toBe(true)
    expect(changesNarrative(format, [{ path: `sections.${withFacts.split('.')[0]}` }])).toBe(true)
  })
  it('not a cell, an explanation, the preamble or an origin mark', () => {
    expect(changesNarrative(format, [{ path: 'sections.applications.newReceived.natural' }])).toBe(false)
    expect(changesNarrative(format, [{ path: 'preamble' }, { path: 'origins.overview' }])).toBe(false)
  })
})

describe('joinParts', () => {
  it('is split only when every stored text had its null place', () => {
    expect(joinParts('{"sections":{"overview":null}}', '{"overview":"a"}')).toEqual({
      content: '{"sections":{"overview":"a"}}',
      split: true,
    })
    expect(joinParts('{"sections":{"overview":"b"}}', '{"overview":"a"}').split).toBe(false)
    expect(joinParts('{"sections":{"overview":"b"}}', null)).toEqual({
      content: '{"sections":{"overview":"b"}}',
      split: false,
    })
  })
})
