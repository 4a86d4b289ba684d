import { GOV_2019 } from './gov-2019'
import { GOV_2021 } from './gov-2021'
import type { FormatDef, FormatVersion } from './types'

export const FORMATS: Record<FormatVersion, FormatDef> = { '2021': GOV_2021, '2019': GOV_2019 }

export const CURRENT_FORMAT: FormatVersion = '2021'

/** The formats newest first, as lists and menus show them. */
export const FORMAT_LIST: FormatDef[] = [GOV_2021, GOV_2019]

export function formatFor(version: string): FormatDef | undefined {
  return (FORMATS as Record<string, FormatDef>)[version]
}

export function sectionDef(format: FormatDef, key: string) {
  return format.sections.find((s) => s.key === key)
}

export * from './types'
