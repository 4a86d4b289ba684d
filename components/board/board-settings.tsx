'use client'
/** The government's deadlines and automatic reminder days, edited by its 政务公开办 (decision 0270). */
import { useState } from 'react'
import { saveGovernmentSettings } from '@/lib/api-client'
import type { GovernmentSettings } from '@/lib/services/government-settings'

export function BoardSettings({ settings }: { settings: GovernmentSettings }) {
  const [department, setDepartment] = useState(settings.departmentDeadline ?? '')
  const [government, setGovernment] = useState(settings.governmentDeadline ?? '')
  const [days, setDays] = useState(settings.reminderDays.join(','))
  const [note, setNote] = useState<string | null>(null)

  async function save(e: React.FormEvent) {
    e.preventDefault()
    const reminderDays = days
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number)
    if (reminderDays.some((n) => !Number.isInteger(n) || n < 0 || n > 120)) {
      return setNote('提醒天数应为0至120的整数，用逗号分隔')
    }
    const answer = await saveGovernmentSettings(settings.agencyId, {
      departmentDeadline: department,
      governmentDeadline: government,
      reminderDays,
    })
    setNote(answer.ok ? '已保存。刷新页面后按新的截止日期计算。' : answer.error.message)
  }

  return (
    <form className="board-settings" onSubmit={save}>
      <label>
        部门截止日期{' '}
        <input value={department} onChange={(e) => setDepartment(e.target.value)} placeholder="01-31" size={10} />
      </label>
      <label>
        人民政府截止日期{' '}
        <input value={government} onChange={(e) => setGovernment(e.target.value)} placeholder="03-31" size={10} />
      </label>
      <label>
        截止前几天自动提醒{' '}
        <input value={days} onChange={(e) => setDays(e.target.value)} placeholder="14,7,1" size={10} />
      </label>
      <button type="submit">保存设置</button>
      <small className="muted">
        日期写“月-日”（次年）或“年-月-日”；留空则按条例第四十九条（部门次年1月31日、人民政府次年3月31日）。
      </small>
      {note ? <p role="status">{note}</p> : null}
    </form>
  )
}
