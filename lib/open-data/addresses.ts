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

/**
 * The paths of a government's year and of one report in it. A roll-up (全区汇总, kind rollup)
 * belongs to the government like its own report; decision 0300 gives the government's own report
 * its code, so the roll-up's page is the government's address with `/rollup` after it
 * (decision 0320: a fourth segment, never an agency code nor v{n}).
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
  const report = agency === undefined ? yearPath : `${yearPath}/${seg(agency)}${kind === 'rollup' ? '/rollup' : ''}`
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
