import { describe, expect, it } from 'vitest'
import { ByteLru } from './byte-lru'

const sized = (limit: number, largest?: number) => new ByteLru<string>(limit, (s) => s.length, largest)

describe('ByteLru', () => {
  it('drops the least recently used first once the bytes pass the bound', () => {
    const lru = sized(10)
    lru.set('a', 'aaaa')
    lru.set('b', 'bbbb')
    expect(lru.get('a')).toBe('aaaa') // a is now the most recent
    lru.set('c', 'cccc')
    expect(lru.get('b')).toBeUndefined()
    expect(lru.get('a')).toBe('aaaa')
    expect(lru.get('c')).toBe('cccc')
    expect(lru.bytes).toBe(8)
    expect(lru.size).toBe(2)
  })

  it('replaces a key and counts only the new value', () => {
    const lru = sized(10)
    lru.set('a', 'aaaa')
    lru.set('a', 'aaaaaa')
    expect(lru.bytes).toBe(6)
    expect(lru.size).toBe(1)
    expect(lru.get('a')).toBe('aaaaaa')
  })

  it('does not keep a value over the largest allowed, nor one over the whole bound', () => {
    const lru = sized(16, 4)
    lru.set('a', 'aaa')
    expect(lru.set('big', 'bbbbb')).toBe('bbbbb')
    expect(lru.get('big')).toBeUndefined()
    expect(lru.get('a')).toBe('aaa')
    const none = sized(0)
    none.set('a', 'a')
    expect(none.size).toBe(0)
    expect(none.bytes).toBe(0)
  })

  it('forgets on delete and clear', () => {
    const lru = sized(10)
    lru.set('a', 'aa')
    lru.set('b', 'bb')
    lru.delete('a')
    lru.delete('missing')
    expect(lru.bytes).toBe(2)
    lru.clear()
    expect(lru.size).toBe(0)
    expect(lru.bytes).toBe(0)
    expect(lru.get('b')).toBeUndefined()
  })
})
