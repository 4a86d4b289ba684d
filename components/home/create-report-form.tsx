'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import { CURRENT_FORMAT, FORMAT_LIST, FORMATS } from '@/lib/format/index'
import { AGENCY_LEVEL_LABELS, AGENCY_LEVELS, AGENCY_TYPE_LABELS, AGENCY_TYPES, agencySchema } from '@/lib/report/schema'

const thisYear = new Date().getFullYear()

const createSchema = z.object({
  agency: agencySchema(),
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

export function CreateReportForm() {
  const [serverError, setServerError] = useState<string | null>(null)
  const form = useForm<CreateInput>({
    resolver: zodResolver(createSchema),
    defaultValues: {
      agency: { name: '', type: 'department', level: 'county' },
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
        <span>机关名称</span>
        <input {...form.register('agency.name')} placeholder="如：张店区人民政府办公室" />
        {errors.agency?.name ? <span className="field-error">{errors.agency.name.message}</span> : null}
      </label>
      <label>
        <span>机关类型</span>
        <select {...form.register('agency.type')}>
          {AGENCY_TYPES.map((t) => (
            <option key={t} value={t}>
              {AGENCY_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>行政层级</span>
        <select {...form.register('agency.level')}>
          {AGENCY_LEVELS.map((l) => (
            <option key={l} value={l}>
              {AGENCY_LEVEL_LABELS[l]}
            </option>
          ))}
        </select>
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
