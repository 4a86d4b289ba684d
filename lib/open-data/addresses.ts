/**
 * The public addresses under /gk (decision 0300), built from immutable agency codes only. One
 * place, so the index, the embeddable column and the fragment for the portal name the same pages.
 */

export interface PublicPaths {
  /** /gk/{gov}: the government's column, every year. */
  column: string
  /** /gk/{gov}/{year}. */
  year: string
  /** /gk/{gov}/{year}/{agency}: the current published version's page. */
  report: string
  /** /gk/{gov}/{year}/{agency}/v{n}. */
  version: string
  /** /gk/{gov}/{year}/{agency}/v{n}/report.json: the frozen report JSON. */
  json: string
  indexJson: string
  indexCsv: string
  embed: string
}

const seg = encodeURIComponent

/** A roll-up's slug is its government's code with this suffix: a dot never appears in a code. */
const ROLLUP_SUFFIX = '.rollup'

/** The report segment of an address: the agency's code, or the government's code + `.rollup`. */
export const slugOf = (code: string, kind: string) => (kind === 'rollup' ? `${code}${ROLLUP_SUFFIX}` : code)

/** The agency code and kind a report segment names. */
export function parseSlug(slug: string): { code: string; kind: 'report' | 'rollup' } {
  return slug.endsWith(ROLLUP_SUFFIX)
    ? { code: slug.slice(0, -ROLLUP_SUFFIX.length), kind: 'rollup' }
    : { code: slug, kind: 'report' }
}

/**
 * The paths of a government's year and of one report in it. A roll-up (全区汇总, kind rollup)
 * belongs to the government like its own report; decision 0300 gives the government's own report
 * its code, so the roll-up's segment is the government's code with `.rollup` (decision 0301).
 */
export function publicPaths(
  gov: string,
  year?: number,
  agency?: string,
  kind: 'report' | 'rollup' = 'report',
  version?: number,
): PublicPaths {
  const column = `/gk/${seg(gov)}`
  const yearPath = year === undefined ? column : `${column}/${year}`
  const report = agency === undefined ? yearPath : `${yearPath}/${seg(slugOf(agency, kind))}`
  const versionPath = version === undefined ? report : `${report}/v${version}`
  return {
    column,
    year: yearPath,
    report,
    version: versionPath,
    json: `${versionPath}/report.json`,
    indexJson: `${yearPath}/index.json`,
    indexCsv: `${yearPath}/index.csv`,
    embed: `${column}/embed`,
  }
}
