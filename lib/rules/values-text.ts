/**
 * A finding's expected and actual values in plain Chinese: “应为 20，现为 26”, “应不超过 105，现为
 * 110”; an actual that is already words (“3处空白”, “缺少：…”) is shown as it is. '' when neither.
 */
export function valuesText(expected: number | string | null, actual: number | string | null): string {
  const bound = typeof expected === 'string' ? /^([≤≥])\s*(.+)$/.exec(expected) : null
  const want =
    expected === null ? '' : bound ? `${bound[1] === '≤' ? '应不超过' : '应不少于'} ${bound[2]}` : `应为 ${expected}`
  const now =
    actual === null ? '' : typeof actual === 'number' || /^-?\d+(\.\d+)?$/.test(actual) ? `现为 ${actual}` : actual
  return [want, now].filter(Boolean).join('，')
}
