/**
 * The seed reports in interchange JSON, for tests and benchmarks. Read from the repository's
 * fixtures/ when present, else from the shared specs, so a test never hand-writes report data.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type ReadResult, readReport } from '@/lib/report/interchange'

const CANDIDATE_DIRS = [path.resolve(__dirname, '../fixtures'), '/work/shared/fixtures']

export const FIXTURES_DIR = CANDIDATE_DIRS.find((d) => existsSync(d)) ?? CANDIDATE_DIRS[0]

export const FIXTURE_NAMES = [
  'zhangdian-gov-2021',
  'zhangdian-jgsw-2022',
  'zhangdian-office-2022',
  'zichuan-gov-2020',
] as const

export type FixtureName = (typeof FIXTURE_NAMES)[number]

export const fixturePath = (name: FixtureName) => path.join(FIXTURES_DIR, `${name}.json`)

/** The file as parsed JSON, untouched. */
export function rawFixture(name: FixtureName): Record<string, any> {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'))
}

/** The file read as a report (a fresh copy each call, safe to mutate). */
export function fixture(name: FixtureName): ReadResult {
  return readReport(rawFixture(name))
}

/** Fixtures of a given format version. */
export function fixturesOf(version: '2021' | '2019'): FixtureName[] {
  return FIXTURE_NAMES.filter((n) => rawFixture(n).formatVersion === version)
}
