import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeAllSync } from './main'
import { joinJson, joinText, type OutputPart, utf8Pieces, writeParts } from './validate-core'
import { PartBytes } from './validate-shard'

const part = (file: string, text: string): OutputPart => ({
  file,
  text,
  tally: { error: 1, warning: 0, info: 2, na: 0 },
  errorFails: true,
})

describe('validate output as bytes (decision 0730)', () => {
  it('encodes pieces to the bytes of their concatenation', () => {
    const pieces = ['', 'ascii', '中文：上年结转', '😀 astral', '', '“引号”\n', 'é']
    expect(Buffer.concat(utf8Pieces(pieces)).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true)
    expect(utf8Pieces([]).length).toBe(0)
  })

  it('writes the same report as bytes as it does as text', () => {
    const parts = [part('a.json', '    {\n      "file": "a.json"\n    }'), { file: 'b.json', error: '找不到文件' }]
    for (const json of [true, false]) {
      let text = ''
      let bytes: Uint8Array = new Uint8Array(0)
      const err: string[] = []
      const codeText = writeParts(parts, json, { stdout: (t) => (text += t), stderr: (t) => err.push(t), cwd: '.' })
      const codeBytes = writeParts(parts, json, {
        stdout: () => {
          throw new Error('bytes expected')
        },
        stdoutBytes: (b) => {
          bytes = Buffer.concat(b)
        },
        stderr: (t) => err.push(t),
        cwd: '.',
      })
      expect(codeBytes).toBe(codeText)
      expect(text).toBe(json ? joinJson(parts) : joinText(parts))
      expect(Buffer.from(bytes).toString('utf8')).toBe(text)
    }
  })

  it('writes the same report from parts encoded as they were rendered (decision 0771)', () => {
    const texts = ['    {\n      "file": "a.json"\n    }', '中文：上年结转“引号”😀\n', 'x'.repeat((1 << 20) + 5), 'é']
    const strings = texts.map((t, i) => part(`${i}.json`, t))
    const bytes = new PartBytes()
    const encoded = strings.map((p) => ('text' in p ? { ...p, text: bytes.encode(p.text) } : p))
    // A part whose longest encoding (3 bytes a code unit) is more than a chunk gets a chunk of that
    // size; the parts before it share one, and the part after it the rest of its chunk.
    expect(bytes.chunks.length).toBe(2)
    expect(bytes.chunks[1].byteLength).toBe(3 * ((1 << 20) + 5))
    for (const json of [true, false]) {
      const join = json ? joinJson : joinText
      expect(join(encoded)).toBe(join(strings))
      let out: Uint8Array = new Uint8Array(0)
      writeParts(encoded, json, {
        stdout: () => {},
        stdoutBytes: (b) => (out = Buffer.concat(b)),
        stderr: () => {},
        cwd: '.',
      })
      expect(Buffer.from(out).equals(Buffer.from(join(strings), 'utf8'))).toBe(true)
    }
  })

  it('writes pieces to a file in order, more than one writev takes (decision 1026)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-writev-'))
    try {
      const file = path.join(dir, 'out.json')
      const pieces = Array.from({ length: 2500 }, (_, i) =>
        Buffer.from(i % 7 === 0 ? '' : `${i}：上年结转${'x'.repeat(i % 13)}\n`, 'utf8'),
      )
      const fd = openSync(file, 'w')
      try {
        writeAllSync(fd, pieces)
      } finally {
        closeSync(fd)
      }
      expect(readFileSync(file).equals(Buffer.concat(pieces))).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
