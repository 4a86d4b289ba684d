import { describe, expect, it } from 'vitest'
import { explainView } from './explain-view'

describe('explainView', () => {
  it('asks for an explanation when there is none and the report is editable', () => {
    expect(explainView('', false)).toBe('ask')
    expect(explainView('  \n', false)).toBe('ask')
  })
  it('shows an explanation as text to edit, or to read when read-only', () => {
    expect(explainView('以表中数据为准。', false)).toBe('edit')
    expect(explainView('以表中数据为准。', true)).toBe('text')
  })
  it('shows nothing read-only when nothing was explained', () => {
    expect(explainView('', true)).toBe('none')
    expect(explainView(' ', true)).toBe('none')
  })
})
