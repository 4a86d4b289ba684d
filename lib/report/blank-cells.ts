/**
 * The blank places of a report, read from the format definition: every path a `filled` rule
 * names (T5: every value cell; D4: 其他需要报告的事项) that is blank, then every narrative
 * written as empty text. No schema parse is needed, so list counts and completeness stay cheap.
 */
import { narrativePath } from '@/lib/format/cells'
import type { CellPath, FormatDef } from '@/lib/format/types'
import { getAt, isBlank } from './values'

interface BlankPlaces {
  /** Paths that must not be blank (null, undefined or whitespace-only). */
  required: { path: string; segments: string[] }[]
  /** Narratives that final mode requires to be non-empty text. */
  narratives: { path: string; segments: string[] }[]
}

const placesCache = new WeakMap<FormatDef, BlankPlaces>()

function placesOf(format: FormatDef): BlankPlaces {
  let places = placesCache.get(format)
  if (!places) {
    const required = [...new Set(format.rules.flatMap((r) => (r.kind === 'filled' ? r.cells : [])))].map((path) => ({
      path,
      segments: path.split('.'),
    }))
    const narratives = format.sections
      .map(narrativePath)
      .filter((p): p is string => p !== undefined)
      .map((path) => ({ path, segments: path.split('.') }))
    places = { required, narratives }
    placesCache.set(format, places)
  }
  return places
}

/** Blank cells and narratives, in the order the editor offers to go to them. */
export function blankCells(format: FormatDef, sections: Record<string, unknown>): CellPath[] {
  const { required, narratives } = placesOf(format)
  const out: string[] = []
  for (const p of required) if (isBlank(getAt(sections, p.segments))) out.push(p.path)
  for (const p of narratives) {
    const v = getAt(sections, p.segments)
    // Only text counts here: a narrative that is missing or not text is a format error, not a blank.
    if (typeof v === 'string' && v.trim() === '' && !out.includes(p.path)) out.push(p.path)
  }
  return out
}
