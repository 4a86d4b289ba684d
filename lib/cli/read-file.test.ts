/**
 * readFile (validate-core.ts) reads every file into one buffer it reuses (decision 1021): a file
 * larger than the buffer, a small file after a large one and an unreadable path read exactly as
 * readFileSync would have read them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { rawFixture } from '@/test/fixtures'
import { readFile } from './validate-core'

const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-read-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text)
  return name
}

describe('readFile with its reused buffer', () => {
  const report = rawFixture('zhangdian-gov-2021')
  const small = JSON.stringify(report)
  // Trailing white space is valid JSON: a file of over 1 MB, far larger than the first buffer.
  const large = `${JSON.stringify({ ...report, agency: { ...report.agency, name: '某某县大文件局' } })}${' '.repeat(1_200_000)}`

  it('reads a file larger than its buffer, then a smaller one without the larger one’s tail', () => {
    const first = readFile(write('large.json', large), dir)
    const second = readFile(write('small.json', small), dir)
    expect('error' in first ? first.error : first.report.agency.name).toBe('某某县大文件局')
    expect('error' in second ? second.error : second.report.agency.name).toBe(report.agency.name)
    // And the large one again, from the grown buffer.
    const third = readFile('large.json', dir)
    expect('error' in third ? third.error : third.report.agency.name).toBe('某某县大文件局')
  })

  it('says why a path cannot be read, and reads on afterwards', () => {
    mkdirSync(path.join(dir, 'folder'))
    expect(readFile('folder', dir)).toEqual({ file: 'folder', error: '这是一个目录，不是文件' })
    expect(readFile('missing.json', dir)).toEqual({ file: 'missing.json', error: '找不到文件' })
    const after = readFile('small.json', dir)
    expect('error' in after ? after.error : after.report.year).toBe(report.year)
  })

  it('reads an empty file as the empty text it is', () => {
    const empty = readFile(write('empty.json', ''), dir)
    expect('error' in empty).toBe(true)
    const viaText = readFile(write('space.json', '   '), dir)
    expect(empty).toEqual({ ...viaText, file: 'empty.json' })
  })
})
