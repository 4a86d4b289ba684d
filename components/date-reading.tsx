import { chineseDate } from '@/lib/china-time'

/**
 * A chosen date in the words it is printed with (2026年11月30日). The browser's own date field
 * writes it in the browser's language, 11/30/2026 in an English one, which reads as another day;
 * this line, tied to the field by `aria-describedby`, says which day was meant.
 */
export function DateReading({ id, value, lead }: { id: string; value: string; lead: string }) {
  const reading = chineseDate(value)
  return (
    <span id={id} className="date-reading">
      {reading ? `${lead}${reading}` : '请选择日期'}
    </span>
  )
}
