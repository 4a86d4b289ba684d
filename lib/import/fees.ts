/**
 * 信息处理费 facts phrased loosely in section 六 (“全年收取政府信息公开信息处理费3940元”, “收取信息
 * 处理费共计120元”, “收费50元”, “发出收费通知书2份”), for documents that do not print the format's
 * labels (发出收费通知 / 应收信息处理费 / 实际收取信息处理费). Only sentences about the information
 * processing fee are read, never 行政事业性收费 (table 二), and each reading is reported as a note.
 */

export type FeeKey = 'noticesIssued' | 'amountBilledYuan' | 'amountCollectedYuan'

export interface LooseFee {
  key: FeeKey
  /** In 元 (a 万元 amount multiplied out) or, for notices, a count. */
  value: number
  /** The words read, as printed, for the note. */
  phrase: string
}

/** A sentence is about the fee when it names it, or a 收费通知, and not the administrative fees. */
const ABOUT_FEE = /处理费|收费通知|信息公开[^。；]{0,20}收费|收费[^。；]{0,6}(?:标准|办法)/
const NOT_FEE = /行政事业性收费/

const AMOUNT = '(\\d+(?:\\.\\d+)?)\\s*(万元|元)'

/** In order: the first pattern that matches a sentence decides that fact (specific before loose). */
const PATTERNS: { key: FeeKey; pattern: RegExp }[] = [
  {
    key: 'noticesIssued',
    pattern: /(?:发出|下发|送达|出具|发放)[^\d。；，]{0,6}?收费通知(?:书)?[^\d。；]{0,4}?(\d+)\s*(?:件|份|次)/,
  },
  { key: 'noticesIssued', pattern: /(\d+)\s*(?:件|份)收费通知(?:书)?/ },
  { key: 'amountBilledYuan', pattern: new RegExp(`(?:应收|应缴|应收取|应当收取|核定)[^\\d。；]{0,14}?${AMOUNT}`) },
  {
    key: 'amountCollectedYuan',
    pattern: new RegExp(
      `(?:实际|实)?(?:收取|收缴|收到|收入|征收|收费)[^\\d。；]{0,16}?(?:共计|合计|总计|共)?${AMOUNT}`,
    ),
  },
  { key: 'amountCollectedYuan', pattern: new RegExp(`处理费(?:收入)?(?:共计|合计|总计|共)?${AMOUNT}`) },
]

const splitSentences = (text: string) => text.split(/(?<=[。！？\n])/)

/** The fee facts a text states loosely, at most one per fact (its first statement). */
export function looseFeeAmounts(text: string): LooseFee[] {
  const out = new Map<FeeKey, LooseFee>()
  for (const sentence of splitSentences(text)) {
    if (!ABOUT_FEE.test(sentence) || NOT_FEE.test(sentence)) continue
    // Clauses split at “；” so that one clause's number is not read for another's words.
    for (const clause of sentence.split(/[；;]/)) {
      for (const { key, pattern } of PATTERNS) {
        if (out.has(key)) continue
        // A bill or a notice is not a collection: “应收…元”, “收费通知” are read only as themselves.
        const m = [...clause.matchAll(new RegExp(pattern.source, 'g'))].find(
          (x) =>
            key !== 'amountCollectedYuan' || (!/应|通知/.test(x[0]) && !/应[^，,]*$/.test(clause.slice(0, x.index))),
        )
        if (!m) continue
        const n = Number(m[1])
        if (!Number.isFinite(n)) continue
        const value = m[2] === '万元' ? Math.round(n * 10000 * 100) / 100 : n
        out.set(key, { key, value, phrase: m[0].trim() })
      }
    }
  }
  return [...out.values()]
}
