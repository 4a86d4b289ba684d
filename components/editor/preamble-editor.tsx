'use client'
/**
 * The report's opening paragraph (report.preamble), shown first in the editor: the text, and a
 * generator that writes the standard paragraph from the agency's contact details. The details
 * are kept on the agency (GET/PUT /api/agencies/:id/contact), so next year's report reuses them;
 * the officer edits them here. Self-contained: the editor passes the text and a setter.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { getAgencyContact, saveAgencyContact } from '@/lib/api-client'
import type { FormatDef } from '@/lib/format/types'
import { cleanPastedText } from '@/lib/narrative'
import { type AgencyContact, CONTACT_FIELDS, generatePreamble } from '@/lib/report/preamble'
import { LinkTools } from './link-tools'
import { NarrativeMarks, useNarrativeMarks } from './narrative-marks'

interface Props {
  format: FormatDef
  year: number
  agencyId: string | null
  agencyName: string
  text: string
  readOnly: boolean
  /** The officer may change the agency's details (an officer of the agency). */
  mayEditContact: boolean
  onChange: (text: string) => void
}

type Contact = Record<keyof AgencyContact, string>
const EMPTY: Contact = { portalUrl: '', address: '', postcode: '', telephone: '', email: '' }

export function PreambleEditor({
  format,
  year,
  agencyId,
  agencyName,
  text,
  readOnly,
  mayEditContact,
  onChange,
}: Props) {
  const id = useId()
  const [contact, setContact] = useState<Contact>(EMPTY)
  const [loaded, setLoaded] = useState(false)
  const [open, setOpen] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  /** 重新生成 over existing text asks first, in the page. */
  const [asking, setAsking] = useState(false)
  const textarea = useRef<HTMLTextAreaElement>(null)
  const marks = useNarrativeMarks(format.preamble.key)

  useEffect(() => {
    if (!agencyId) return
    let live = true
    getAgencyContact(agencyId).then((r) => {
      if (!live || !r.ok) return
      const c = r.data.contact
      setContact({
        portalUrl: c.portalUrl ?? '',
        address: c.address ?? '',
        postcode: c.postcode ?? '',
        telephone: c.telephone ?? '',
        email: c.email ?? '',
      })
      setLoaded(true)
    })
    return () => {
      live = false
    }
  }, [agencyId])

  const generate = async () => {
    setAsking(false)
    const replacing = text.trim() !== ''
    setMessage(null)
    setFieldErrors({})
    if (agencyId && mayEditContact) {
      setBusy(true)
      const saved = await saveAgencyContact(agencyId, contact)
      setBusy(false)
      if (!saved.ok) {
        setFieldErrors(saved.error.fields)
        // A refusal at a field is said there; the line below says only that nothing was generated.
        const atFields = Object.keys(saved.error.fields).length > 0
        setMessage({ kind: 'error', text: atFields ? '联系方式有误，请按提示修改后再生成。' : saved.error.message })
        return
      }
    }
    onChange(generatePreamble({ agencyName, year, format, contact }))
    setMessage({
      kind: 'ok',
      text: `已${replacing ? '重新' : ''}生成开头段落，可在上方修改${agencyId && mayEditContact ? '；联系方式已保存到本机关，明年可直接使用' : ''}。`,
    })
  }

  return (
    <section className="preamble" aria-labelledby={`${id}-title`} data-section="preamble">
      <h2 id={`${id}-title`}>{format.preamble.heading}</h2>
      <p className="guidance">{format.preamble.guidance}</p>
      {readOnly ? null : (
        // 插入数据 here too: the preamble's numbers (统计期限 aside) may follow the tables.
        <LinkTools
          format={format}
          year={year}
          sectionKey={format.preamble.key}
          text={text}
          textarea={textarea}
          onText={onChange}
        />
      )}
      <label className="narrative-edit">
        <span className="label">开头段落（标题之后、“一、”之前，不编号；可有多段）</span>
        <textarea
          ref={textarea}
          data-path={format.preamble.key}
          value={text}
          rows={5}
          readOnly={readOnly}
          onChange={(e) => onChange(cleanPastedText(e.target.value))}
        />
        <span className="counter">{text.length} 字</span>
      </label>
      <NarrativeMarks findings={marks.findings} textarea={textarea} />
      {readOnly ? null : (
        <details className="preamble-contact" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>按本机关信息生成标准段落</summary>
          <p className="hint">
            各项都可不填（不填的不写入段落）。{mayEditContact ? '生成时保存到本机关，明年的年报直接使用。' : ''}
            {agencyId && !loaded ? '正在读取本机关信息…' : ''}
          </p>
          <div className="contact-fields">
            {CONTACT_FIELDS.map((f) => (
              <label key={f.key} className="contact-field">
                <span>{f.label}</span>
                <input
                  name={f.key}
                  value={contact[f.key]}
                  placeholder={`例如 ${f.example}`}
                  aria-invalid={fieldErrors[f.key] ? true : undefined}
                  onChange={(e) => setContact((c) => ({ ...c, [f.key]: e.target.value }))}
                />
                {fieldErrors[f.key] ? (
                  <span className="field-error" role="alert">
                    {fieldErrors[f.key]}
                  </span>
                ) : null}
              </label>
            ))}
          </div>
          <button
            type="button"
            disabled={busy}
            onClick={() => (text.trim() === '' ? void generate() : setAsking(true))}
          >
            {text.trim() === '' ? '生成开头段落' : '重新生成（替换现有内容）'}
          </button>
        </details>
      )}
      <ConfirmDialog
        open={asking}
        title="确认重新生成开头段落"
        text="将按上面的本机关信息重新生成开头段落，替换现有的全部内容（包括您改过的文字）。"
        confirmLabel="确定替换"
        tone="danger"
        onConfirm={() => void generate()}
        onCancel={() => setAsking(false)}
      />
      {message ? (
        <p
          className={message.kind === 'error' ? 'field-error' : 'hint'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  )
}
