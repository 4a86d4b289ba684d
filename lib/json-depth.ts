/**
 * The nesting depth of a JSON text, found by one pass over its characters (brackets outside
 * strings), before anything is parsed into objects. A report is about six levels deep; text
 * nested thousands deep overflows the stack of whatever walks it afterwards (a schema, a clone),
 * so it is refused before JSON.parse.
 */
export const MAX_JSON_DEPTH = 64

/** True when the text nests arrays and objects deeper than `limit` (stops at the first such). */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92)
        i++ // a backslash escapes the next character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

export const JSON_TOO_DEEP_MESSAGE = `内容的嵌套层级过深（超过${MAX_JSON_DEPTH}层），不是有效的年报数据，未处理。请检查文件是否正确。`
