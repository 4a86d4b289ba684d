import { createFormControl } from 'react-hook-form'
import { describe, expect, it } from 'vitest'
import type { ReportData } from '@/lib/report/schema'
import { rawFixture } from '@/test/fixtures'
import { ErrorsStore } from './errors-store'

/** The editor's wiring (components/editor/report-editor.tsx) on a form outside React. */
function editorForm() {
  const form = createFormControl<ReportData>({ defaultValues: rawFixture('zhangdian-gov-2021') as ReportData })
  const store = new ErrorsStore((path) => form.getFieldState(`sections.${path}`).error?.message)
  const stop = form.subscribe({ formState: { errors: true }, callback: () => store.sync() })
  const calls = new Map<string, number>()
  for (const path of [
    'applications.granted.natural',
    'applications.granted.commercial',
    'reviewLitigation.review.upheld',
  ]) {
    store.subscribe(path, () => calls.set(path, (calls.get(path) ?? 0) + 1))
  }
  return { form, store, calls, stop }
}

describe('ErrorsStore', () => {
  it('tells the cell whose refused input came or went, and no other', () => {
    const { form, store, calls } = editorForm()
    const path = 'applications.granted.natural'
    form.setError(`sections.${path}`, { type: 'input', message: '请输入整数' })
    expect(store.get(path)).toBe('请输入整数')
    expect([...calls]).toEqual([[path, 1]])
    form.clearErrors([`sections.${path}`])
    expect(store.get(path)).toBeUndefined()
    expect([...calls]).toEqual([[path, 2]])
  })

  it('is not told of values being set (a keystroke), only of errors', () => {
    const { form, store, calls } = editorForm()
    let synced = 0
    const sync = store.sync.bind(store)
    store.sync = () => {
      synced++
      sync()
    }
    // As the editor's applyValues does (the report's sections are typed loosely).
    form.setValue('sections.applications.granted.natural' as never, 41 as never)
    form.setValue('sections.applications.granted.commercial' as never, 2 as never)
    expect(synced).toBe(0)
    expect(calls.size).toBe(0)
    form.setError('sections.reviewLitigation.review.upheld', { type: 'server', message: '不是有效的数值' })
    expect(synced).toBe(1)
    expect([...calls]).toEqual([['reviewLitigation.review.upheld', 1]])
  })

  it('reads through for a path nobody listens to, and forgets a path once its last listener goes', () => {
    const { form, store } = editorForm()
    const path = 'applications.deniedStateSecret.commercial'
    form.setError(`sections.${path}`, { type: 'input', message: '请输入整数' })
    expect(store.get(path)).toBe('请输入整数')
    const off = store.subscribe(path, () => {})
    form.clearErrors([`sections.${path}`])
    expect(store.get(path)).toBeUndefined()
    off()
    form.setError(`sections.${path}`, { type: 'input', message: '不能为负数' })
    expect(store.get(path)).toBe('不能为负数')
  })
})
