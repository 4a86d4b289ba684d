/**
 * The nesting depth of a JSON text, found by one pass over its characters (brackets outside
 * strings), before anything is parsed into objects. A report is about six levels deep; text
 * nested thousands deep overflows the stack of whatever walks it afterwards (a schema, a clone),
 * so it is refused before JSON.parse.
 */
export const MAX_JSON_DEPTH = 64

/**
 * True when the text nests arrays and objects deeper than `limit` (stops at the first such).
 * Strings are skipped by indexOf from quote to quote (a quote after an odd run of backslashes is
 * escaped): a report's text is mostly long narrative strings, scanned natively instead of per
 * character.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      const open = i
      for (;;) {
        const q = text.indexOf('"', i + 1)
        // An unterminated string: the rest is inside it.
        if (q < 0) return false
        let b = q - 1
        while (b > open && text.charCodeAt(b) === 92) b--
        i = q
        if ((q - 1 - b) % 2 === 0) break
      }
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

export const JSON_TOO_DEEP_MESSAGE = `内容的嵌套层级过深（超过${MAX_JSON_DEPTH}层），不是有效的年报数据，未处理。请检查文件是否正确。`
