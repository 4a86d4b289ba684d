/**
 * The agency's contact details (GET/PUT /api/agencies/:id/contact), stated by the report's
 * opening paragraph: every one optional ('' clears it), one line each, no control characters.
 */
import { z } from 'zod'
import { UNSAFE_IN_NAME, UNSAFE_NAME_MESSAGE } from '@/lib/text/unsafe-chars'

export const agencyParams = z.object({
  id: z.string({ error: '机关不存在' }).min(1, { error: '机关不存在' }).max(100, { error: '机关不存在' }),
})

const line = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文本` })
    .trim()
    .max(max, { error: `${label}不超过${max}个字` })
    .refine((s) => !UNSAFE_IN_NAME.test(s), { error: `${label}${UNSAFE_NAME_MESSAGE}` })

const optional = <T extends z.ZodType>(schema: T) => schema.nullish()

export const agencyContactInput = z.object({
  portalUrl: optional(
    line('门户网站网址', 200).refine((s) => s === '' || /^(https?:\/\/)?[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(s), {
      error: '网址格式不正确，例如 www.zhangdian.gov.cn',
    }),
  ),
  address: optional(line('联系地址', 100)),
  postcode: optional(
    line('邮政编码', 6).refine((s) => s === '' || /^\d{6}$/.test(s), { error: '邮政编码应为6位数字' }),
  ),
  telephone: optional(
    line('联系电话', 40).refine((s) => s === '' || /^[\d\s()（）+\-－、,，;；转]+$/.test(s), {
      error: '联系电话只能包含数字、区号分隔符“-”和“转”',
    }),
  ),
  email: optional(
    line('电子邮箱', 100).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), {
      error: '电子邮箱格式不正确',
    }),
  ),
})

export type AgencyContactInput = z.infer<typeof agencyContactInput>
