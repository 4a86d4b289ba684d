'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { CURRENT_FORMAT, FORMAT_LIST, FORMATS } from '@/lib/format/index'

const thisYear = new Date().getFullYear()

const createSchema = z.object({
  agencyId: z.string().min(1, { error: '请选择机关' }),
  year: z.coerce
    .number({ error: '请填写年度' })
    .int({ error: '年度应为整数' })
    .min(2019, { error: '2019年起适用现行条例' })
    .max(thisYear, { error: '不能晚于今年' }),
  formatVersion: z.enum(Object.keys(FORMATS) as [string, ...string[]]),
})

type CreateInput = z.input<typeof createSchema>

/** 2019 and 2020 reports use the 60号 format; 2021 on the 30号 format. */
const formatForYear = (year: number) => (year <= 2020 ? '2019' : CURRENT_FORMAT)

/** The officer's agencies: the report is created for one of them. */
export function CreateReportForm({ agencies }: { agencies: { id: string; name: string }[] }) {
  const [serverError, setServerError] = useState<string | null>(null)
  const form = useForm<CreateInput>({
    resolver: zodResolver(createSchema),
    defaultValues: {
      agencyId: agencies[0]?.id ?? '',
      year: thisYear - 1,
      formatVersion: formatForYear(thisYear - 1),
    },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setServerError(null)
    const res = await fetch('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(createSchema.parse(values)),
    })
    const answer = await res.json().catch(() => ({}))
    if (res.ok) {
      window.location.href = `/reports/${answer.id}`
      return
    }
    for (const [path, message] of Object.entries((answer.fields ?? {}) as Record<string, string>)) {
      form.setError(path as never, { message })
    }
    setServerError(answer.message ?? '创建失败，请稍后重试')
  })

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-label="新建年报">
      <h2>新建年报</h2>
      <label>
        <span>机关</span>
        <select {...form.register('agencyId')}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {errors.agencyId ? <span className="field-error">{errors.agencyId.message}</span> : null}
      </label>
      <label>
        <span>年度</span>
        <input
          type="number"
          {...form.register('year', {
            onChange: (e) => form.setValue('formatVersion', formatForYear(Number(e.target.value))),
          })}
        />
        {errors.year ? <span className="field-error">{errors.year.message}</span> : null}
      </label>
      <label>
        <span>报告格式</span>
        <select {...form.register('formatVersion')}>
          {FORMAT_LIST.map((f) => (
            <option key={f.version} value={f.version}>
              {f.basis}
            </option>
          ))}
        </select>
      </label>
      {serverError ? (
        <p className="field-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? '正在创建…' : '创建并开始填写'}
      </button>
    </form>
  )
}
