/**
 * Characters that no one types on purpose and that can hide or disguise text: control
 * characters (C0 except tab and line breaks, DEL, C1), the noncharacters U+FFFE and U+FFFF, and
 * the bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) that make
 * "gpj.exe" read as "exe.jpg". One list for input and the exports (docs/security.md, finding 8):
 * narratives, explanations and comments lose them on the way in (the user is told how many);
 * names containing them are refused; the documents never carry them.
 */

/** The list, as a character class body (one place; the regexes below are built from it). */
const CLASS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\ufffe\\uffff'

/** In multi-line text (tab, line feed and carriage return are allowed there). */
export const UNSAFE_IN_TEXT = new RegExp(`[${CLASS}]`, 'g')

/** In a one-line name: the list, and tab and line breaks too. */
export const UNSAFE_IN_NAME = new RegExp(`[${CLASS}\\t\\n\\r]`)

/** The text without those characters, and how many were removed. */
export function stripUnsafe(text: string): { text: string; removed: number } {
  let removed = 0
  const out = text.replace(UNSAFE_IN_TEXT, () => {
    removed++
    return ''
  })
  return { text: out, removed }
}

/** Strips every string inside a JSON value in place (objects and arrays); returns how many were removed. */
export function stripUnsafeDeep(node: unknown): number {
  let removed = 0
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (typeof node[i] === 'string') {
        const r = stripUnsafe(node[i])
        node[i] = r.text
        removed += r.removed
      } else removed += stripUnsafeDeep(node[i])
    }
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        const r = stripUnsafe(value)
        record[key] = r.text
        removed += r.removed
      } else removed += stripUnsafeDeep(value)
    }
  }
  return removed
}

/** What the user is told when characters were removed from what they wrote. */
export const strippedNotice = (removed: number) =>
  `已删除${removed}个不可见的控制字符或文字方向控制符（多来自复制粘贴），其余内容已保存。`

/** The message when a name contains one. */
export const UNSAFE_NAME_MESSAGE = '含有不可见的控制字符、换行或文字方向控制符，请删除后重新输入'
