import { describe, expect, it } from 'vitest'
import {
  deskYear,
  editorQuery,
  pageNumber,
  previewQuery,
  sameOriginPath,
  signInQuery,
  versionsPageQuery,
} from './pages'

describe('page query strings', () => {
  it('reads ?page= as a whole number from 1, anything else as the first page', () => {
    expect(pageNumber.parse('3')).toBe(3)
    for (const bad of [undefined, '', 'abc', '0', '-2', '1.5']) expect(pageNumber.parse(bad), String(bad)).toBe(1)
  })

  it('reads ?year= as a four-digit year, anything else as none', () => {
    expect(deskYear.parse('2022')).toBe(2022)
    for (const bad of [undefined, '', '22', 'abcd', '20222']) expect(deskYear.parse(bad), String(bad)).toBeUndefined()
  })
})

describe('the sign-in page sends only to a path of ours (open redirect)', () => {
  const origin = 'http://127.0.0.1:3000'
  it('keeps a path of ours, with its query', () => {
    expect(sameOriginPath('/reports/r1?section=overview', origin)).toBe('/reports/r1?section=overview')
    expect(signInQuery.parse({ next: '/desk?year=2023' }).next).toBe('/desk?year=2023')
  })

  it('refuses another host, however it is spelled', () => {
    const attacks = [
      '/\t/127.0.0.1:4000/phish.html',
      decodeURIComponent('%2F%09%2F127.0.0.1:4000%2Fphish.html'),
      decodeURIComponent('%2F%0A%2Fevil.example'),
      decodeURIComponent('%2F%0D%2Fevil.example'),
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'http:evil.example',
      'javascript:alert(1)',
      ' //evil.example',
      '',
    ]
    for (const next of attacks) {
      expect(sameOriginPath(next, origin), JSON.stringify(next)).toBe('/')
      expect(signInQuery.parse({ next }).next, JSON.stringify(next)).toBe('/')
    }
    expect(signInQuery.parse({ next: ['/a', '/b'] }).next).toBe('/')
    expect(signInQuery.parse({}).next).toBe('/')
  })
})

describe('the pages that read their query parse it', () => {
  it('preview: fonts and a real date only', () => {
    expect(previewQuery.parse({ fonts: 'stock', signature: '2022-01-20' })).toEqual({
      fonts: 'stock',
      signature: '2022-01-20',
    })
    expect(previewQuery.parse({ fonts: 'comic', signature: '2022-02-30' })).toEqual({
      fonts: undefined,
      signature: undefined,
    })
    expect(previewQuery.parse({ signature: '"><script>' }).signature).toBeUndefined()
  })

  it('versions: a version number or working', () => {
    expect(versionsPageQuery.parse({ a: '1', b: 'working' })).toEqual({ a: '1', b: 'working' })
    expect(versionsPageQuery.parse({ a: ['1', '2'], b: '0' })).toEqual({ a: undefined, b: undefined })
  })

  it('editor: a section key', () => {
    expect(editorQuery.parse({ section: 'applications' }).section).toBe('applications')
    expect(editorQuery.parse({ section: '../x' }).section).toBeUndefined()
  })
})
