/**
 * What reading a published document (portal page, Word, PDF, text, spreadsheet, report JSON)
 * gives: a report in the interchange shape with its values as printed, and a record of what was
 * recognised, so nothing is guessed silently. Shared by the importers (lib/import), the CLI and
 * the app's import views.
 */
import type { ReportData } from '@/lib/report/schema'

export type DocumentKind = 'html' | 'docx' | 'doc' | 'pdf' | 'txt' | 'json' | 'xlsx'

/**
 * One cell: `recognised` (a value read), `blank` (printed empty), `printedBlank` (printed as “/”,
 * “—” and the like: kept in `printed`, not a type error), `notPrinted` (the document leaves the
 * row or column out), `notFound` (it should be there and could not be read).
 */
export type CellRecognition = 'recognised' | 'blank' | 'printedBlank' | 'notPrinted' | 'notFound'

export interface RecognitionRecord {
  source: { fileName: string; kind: DocumentKind; bytes: number }
  /** The format the tables were read as (decided by table 二's headings), or null when none was. */
  formatVersion: string | null
  agencyName: string | null
  year: number | null
  /** Every cell path of the format (dotted, under sections) and what became of it. */
  cells: Record<string, CellRecognition>
  /** The text printed in cells that are not values (“/”, “—”), by cell path. */
  printed: Record<string, string>
  /** Every narrative key (`preamble` and the six sections' interchange keys): found or missing. */
  sections: Record<string, 'found' | 'missing'>
  /** Keys of a report JSON that are not part of the format (a subtotal column, a misspelt row). */
  unknownKeys: string[]
  /** What reading assumed or mapped, in Chinese, for the user (“表三有23行，（六）按一行读入”). */
  notes: string[]
}

export interface ImportResult {
  report: ReportData
  recognition: RecognitionRecord
  /** The document's text as read, for the side-by-side view of the original. */
  text: string
}
