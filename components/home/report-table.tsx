/**
 * The one list of reports: the home list and every table of 我的工作台 show the same row
 * (ListedReport) with the same columns, the statutory deadline and the open comments among them.
 * A coordinator's agency that has not started its report is a row too, with its deadline.
 * The rows are written as markup (report-rows-html.ts, decision 0510): one string, not
 * thousands of React elements a request serialises and renders twice.
 */
import { type ReportTableRow, reportTableHtml } from '@/lib/lists/report-rows-html'

export type { NotStarted, ReportTableRow } from '@/lib/lists/report-rows-html'

/** What the 截止日期 column means (条例第五十条), said under the lists that show it. */
export const DEADLINE_NOTE =
  '截止日期按条例第五十条：部门为次年1月31日，人民政府本级为次年3月31日；逾期未发布的标为红色。'

/** Reports (and agencies not started) in the columns every list shows; scrolls sideways on a phone. */
export function ReportTable({ rows, testId }: { rows: readonly ReportTableRow[]; testId?: string }) {
  return (
    <div
      className="table-scroll"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: our own rows, every text and attribute escaped (lib/lists/report-rows-html.ts, decision 0510)
      dangerouslySetInnerHTML={{ __html: reportTableHtml(rows, testId) }}
    />
  )
}
