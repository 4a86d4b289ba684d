/** PUT /api/admin/agencies/:id/predecessor: the agency this one replaced (机构改革), or none. */
import { z } from 'zod'

export const agencyParams = z.object({
  id: z.string({ error: '机关不存在' }).min(1, { error: '机关不存在' }).max(100, { error: '机关不存在' }),
})

export const predecessorInput = z.object({
  predecessorId: z
    .string({ error: '请选择前身机关' })
    .max(100, { error: '前身机关不存在' })
    .transform((v) => (v === '' ? null : v))
    .nullable(),
})

export type PredecessorInput = z.input<typeof predecessorInput>
