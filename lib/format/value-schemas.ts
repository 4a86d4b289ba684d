/**
 * The zod schema of each cell value type's stored value (lib/format/value-types.ts says what the
 * types mean): blanks allowed in draft mode, refused in final mode. Beside VALUE_TYPES rather than
 * in it so that reading and checking reports (the command line's `validate` and its worker
 * threads) does not load zod (decision 0770). value-types.test.ts checks that each schema refuses
 * exactly what the type's `valid` refuses.
 */
import { z } from 'zod'
import type { CellValueType } from './types'
import { AMOUNT_TEXT, MAX_COUNT, MAX_DECIMAL_PLACES, type SchemaMode, TOO_LARGE } from './value-types'

const withMode = (base: z.ZodType, mode: SchemaMode): z.ZodType =>
  mode === 'draft' ? base.nullable() : base.nullable().refine((v) => v !== null, { error: '此项不能为空' })

const wholeNumber = (signed: boolean) => (mode: SchemaMode) =>
  withMode(
    z
      .number({ error: '请填写数字' })
      .int({ error: '应为整数' })
      .min(signed ? -MAX_COUNT : 0, { error: signed ? '数值过小' : '不能为负数' })
      .max(MAX_COUNT, { error: TOO_LARGE }),
    mode,
  )

export const VALUE_SCHEMAS: Record<CellValueType, (mode: SchemaMode) => z.ZodType> = {
  count: wholeNumber(false),
  signedCount: wholeNumber(true),
  decimal: (mode) =>
    withMode(
      z
        .string({ error: '请填写数字' })
        .regex(AMOUNT_TEXT, { error: `应为不小于0的数，最多${MAX_DECIMAL_PLACES}位小数` }),
      mode,
    ),
}
