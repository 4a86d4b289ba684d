import type { FormatDef } from '@/lib/format/types'

/** Where a narrative finding is, as the editor and the CLI name it: “一、总体情况第3段”. */
export function narrativePlace(format: FormatDef, at: { section: string; paragraph: number }): string {
  const heading =
    at.section === format.preamble.key
      ? format.preamble.heading
      : (format.sections.find((s) => s.key === at.section)?.heading ?? at.section)
  return `${heading}第${at.paragraph}段`
}
