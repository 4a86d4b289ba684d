/**
 * What `nianbao validate` prints a person, called directly (cli.test.ts spawns the bundle): one
 * discrepancy once, as in the editor, and the editor's text limits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_EXPLANATION_CHARS, MAX_NARRATIVE_PARAGRAPHS } from '@/lib/report/schema'
import { getAt, setAt } from '@/lib/report/values'
import { rawFixture } from '@/test/fixtures'
import { textReport, validateFile } from './validate'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-validate-'))

function write(name: string, raw: unknown) {
  const file = path.join(tmp, name)
  writeFileSync(file, JSON.stringify(raw))
  return file
}

describe('nianbao validate, text', () => {
  it('prints one wrong 结转 of table 三 once, naming the columns with 应为/现为', () => {
    const raw = rawFixture('zhangdian-gov-2021')
    // 结转·自然人 one more, its row total with it: the column's balance and 总计's fail.
    for (const column of ['natural', 'total']) {
      const at = ['applications', 'carriedForward', column]
      setAt(raw.sections, at, (getAt(raw.sections, at) as number) + 1)
    }
    const outcome = validateFile(write('carried.json', raw), tmp)
    if ('error' in outcome) throw new Error(outcome.error)
    // The JSON view keeps one finding per rule.
    const failing = outcome.findings.filter((f) => f.status === 'fail' && f.ruleId.startsWith('A3.'))
    expect(failing.map((f) => f.ruleId)).toEqual(['A3.natural', 'A3.total'])
    const text = textReport([outcome])
    const lines = text.split('\n').filter((l) => l.includes('勾稽关系'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('[错误] A3.natural、A3.total')
    const natural = failing[0]
    expect(text).toContain(`自然人 应为 ${natural.expected}，现为 ${natural.actual}；总计 应为`)
    expect(text).toMatch(/共检查 1 个文件：1 个错误/)
  })

  it('refuses narratives with more paragraphs, and explanations longer, than the editor takes', () => {
    const raw = rawFixture('zhangdian-jgsw-2022')
    const many = write('many-paragraphs.json', {
      ...raw,
      sections: { ...raw.sections, overview: '段\n'.repeat(MAX_NARRATIVE_PARAGRAPHS + 1) },
    })
    const a = validateFile(many, tmp)
    expect('error' in a && a.error).toContain(`编辑器最多${MAX_NARRATIVE_PARAGRAPHS}段`)
    const long = write('long-explanation.json', {
      ...raw,
      explanations: { D2: '说'.repeat(MAX_EXPLANATION_CHARS + 1) },
    })
    const b = validateFile(long, tmp)
    expect('error' in b && b.error).toContain(`编辑器最多${MAX_EXPLANATION_CHARS}字`)
    const fine = write('fine.json', { ...raw, explanations: { D2: '说'.repeat(MAX_EXPLANATION_CHARS) } })
    expect('error' in validateFile(fine, tmp)).toBe(false)
  })
})
