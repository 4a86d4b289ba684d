'use client'
import { useHydrated } from '@/components/use-hydrated'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { createReport, setFieldErrors } from '@/lib/api-client'
import { chinaYear } from '@/lib/china-time'
import { CURRENT_FORMAT, FORMAT_LIST } from '@/lib/format/index'
import type { z } from 'zod'
import { createReportInput } from '@/lib/requests/create-report'
import { zhErrors } from '@/lib/requests/issues'

/** The form's own fields: the agency is required here (the server may infer it). */
const createSchema = createReportInput.required({ agencyId: true })

type CreateForm = z.input<typeof createSchema>

/** 2019 and 2020 reports use the 60号 format; 2021 on the 30号 format. */
const formatForYear = (year: number) => (year <= 2020 ? '2019' : CURRENT_FORMAT)

/** The officer's agencies: the report is created for one of them. */
export function CreateReportForm({ agencies }: { agencies: { id: string; name: string }[] }) {
  const hydrated = useHydrated()
  // Read on each mount, not once per module: a server process running across New Year would
  // otherwise keep offering the old year.
  const lastYear = chinaYear() - 1
  const [serverError, setServerError] = useState<string | null>(null)
  const form = useForm<CreateForm>({
    resolver: zodResolver(createSchema, { error: zhErrors }),
    defaultValues: {
      agencyId: agencies[0]?.id ?? '',
      year: lastYear,
      formatVersion: formatForYear(lastYear),
    },
  })
  const { errors, isSubmitting } = form.formState

  const onSubmit = form.handleSubmit(async (values) => {
    setServerError(null)
    const result = await createReport(values)
    if (result.ok) {
      window.location.href = `/reports/${result.data.id}`
      return
    }
    setFieldErrors(form.setError, result.error.fields, ['agencyId', 'year', 'formatVersion'])
    setServerError(result.error.message)
  })

  return (
    <form method="post" className="card" onSubmit={onSubmit} noValidate aria-label="新建年报">
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
            valueAsNumber: true,
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
      <label className="inline">
        <input type="checkbox" {...form.register('startFromPreviousText')} />
        <span>正文沿用上一年的年报（开头段落及各部分文字，逐节确认后才能完成）</span>
      </label>
      {serverError ? (
        <p className="field-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!hydrated || isSubmitting}>
        {isSubmitting ? '正在创建…' : '创建并开始填写'}
      </button>
    </form>
  )
}
