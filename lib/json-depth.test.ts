import { describe, expect, it } from 'vitest'
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth'

describe('jsonTooDeep', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonTooDeep('{"a":[1,{"b":2}]}', 3)).toBe(false)
    expect(jsonTooDeep('{"a":[1,{"b":2}]}', 2)).toBe(true)
    expect(jsonTooDeep(`{"a":"${'['.repeat(1000)}"}`)).toBe(false)
    expect(jsonTooDeep(`{"a":"\\"${'{'.repeat(1000)}"}`)).toBe(false)
    // Runs of backslashes: an even run does not escape the quote after it, an odd one does.
    expect(jsonTooDeep(String.raw`{"a":"x\\\\"}`, 1)).toBe(false)
    expect(jsonTooDeep(String.raw`["\\",[[]]]`, 2)).toBe(true)
    expect(jsonTooDeep(String.raw`["\\\",[[]]]"]`, 2)).toBe(false)
    expect(jsonTooDeep(String.raw`["\\\"",[[]]]`, 2)).toBe(true)
    expect(jsonTooDeep('["abc', 0)).toBe(true)
    expect(jsonTooDeep('{"unterminated [[[[', 1)).toBe(false)
  })

  it('refuses nesting beyond the limit, however deep, and accepts it at the limit', () => {
    expect(jsonTooDeep(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBe(false)
    expect(jsonTooDeep(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toBe(true)
    expect(jsonTooDeep('['.repeat(100_000))).toBe(true)
  })
})
