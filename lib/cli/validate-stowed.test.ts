/**
 * The narratives a shard stows outside the heap between the read pass and the check (decision
 * 0940): '' in their places meanwhile, equal strings back for the check, '' again after it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeReports } from '@/bench/cli-years'
import { narrativeTexts } from '@/lib/narrative/texts'
import { type Read, readFile } from './validate-core'
import { StowedTexts } from './validate-shard'

const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-validate-stowed-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('StowedTexts', () => {
  it('moves the preamble and the narratives out and puts equal strings back', () => {
    const [file] = writeReports(dir, 1)
    const read = readFile(file, dir) as Read
    const texts = narrativeTexts(read.format, read.report)
    expect(texts.length).toBeGreaterThan(1)
    const before = JSON.stringify(read.report)
    const stowed = new StowedTexts()
    stowed.stow(read)
    expect(narrativeTexts(read.format, read.report).every((t) => t.text === '')).toBe(true)
    stowed.restore(read)
    expect(JSON.stringify(read.report)).toBe(before)
    stowed.clear(read)
    expect(narrativeTexts(read.format, read.report).every((t) => t.text === '')).toBe(true)
    stowed.restore(read)
    expect(JSON.stringify(read.report)).toBe(before)
  })

  it('keeps long texts across chunks, with characters outside the BMP', () => {
    const [file] = writeReports(dir, 1)
    const raw = JSON.parse(readFileSync(file, 'utf8'))
    const reads = [1, 2, 3].map((k) => {
      raw.preamble = `𠀀${String(k).repeat(190_000)}`
      const big = path.join(dir, `big-${k}.json`)
      writeFileSync(big, JSON.stringify(raw))
      return readFile(big, dir) as Read
    })
    const before = reads.map((r) => JSON.stringify(r.report))
    const stowed = new StowedTexts()
    for (const r of reads) stowed.stow(r)
    expect(reads.every((r) => r.report.preamble === '')).toBe(true)
    for (const r of reads) stowed.restore(r)
    expect(reads.map((r) => JSON.stringify(r.report))).toEqual(before)
  })
})
