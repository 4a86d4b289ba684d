/**
 * Text no export may choke on, for the tests: markup and event handlers, quotes, ampersands,
 * emoji, lone surrogates, control characters, U+FFFE/U+FFFF, CDATA ends, and a narrative of
 * 5,000 paragraphs.
 */
import type { ReportData } from '@/lib/report/schema'

export const NASTY_TEXTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  'A & B &amp; &lt;',
  '表情😀🇨🇳👍🏽',
  'lone \ud800 high and \udfff low',
  'controls \u0000\u0001\u0008\u000b\u000c\u001f\u007f and \ufffe\uffff',
  ']]> <![CDATA[ x ]]>',
]

export function hostileReport(base: ReportData, paragraphs = 5000): ReportData {
  const r = structuredClone(base)
  const n = NASTY_TEXTS
  r.agency.name = `${n[0]}张店区${n[6]}`
  r.sections.overview = Array.from(
    { length: paragraphs },
    (_, i) => `${i % 50 === 0 ? '（一）' : ''}${n[i % n.length]}第${i}段**加粗${n[(i + 1) % n.length]}**`,
  ).join('\n')
  r.sections.problemsImprovements = n.join('\n')
  ;(r.sections.applications as Record<string, Record<string, unknown>>).newReceived.natural = '<b>1</b>'
  return r
}
