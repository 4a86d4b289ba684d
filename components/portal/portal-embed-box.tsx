'use client'
/**
 * 嵌入门户: the portal's origin allowed to frame the column, the HTML fragment of the column to
 * copy into the portal's CMS, and the public addresses (decision 0320). On the coordinator's board.
 */
import { useRef, useState } from 'react'
import './portal-embed.css'
import { saveGovernmentSettings } from '@/lib/api-client'
import { PORTAL_ORIGIN_HINT, portalOriginOf } from '@/lib/open-data/portal-origin'

export interface PortalEmbedProps {
  governmentId: string
  portalOrigin: string | null
  /** The column as HTML, absolute addresses (lib/open-data/column-html.ts). */
  fragment: string
  embedUrl: string
  columnUrl: string
  indexJsonUrl: string
  indexCsvUrl: string
  year: number
}

export function PortalEmbedBox(props: PortalEmbedProps) {
  const [origin, setOrigin] = useState(props.portalOrigin ?? '')
  const [saved, setSaved] = useState(props.portalOrigin)
  const [note, setNote] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const area = useRef<HTMLTextAreaElement>(null)

  async function save(e: React.FormEvent) {
    e.preventDefault()
    if (origin.trim() !== '' && portalOriginOf(origin) === null)
      return setNote(`门户网站地址有误：${PORTAL_ORIGIN_HINT}`)
    const answer = await saveGovernmentSettings(props.governmentId, { portalOrigin: origin.trim() })
    if (!answer.ok) return setNote(answer.error.fields?.portalOrigin ?? answer.error.message)
    setSaved(answer.data.portalOrigin)
    setOrigin(answer.data.portalOrigin ?? '')
    setNote(
      answer.data.portalOrigin
        ? `已保存：只有 ${answer.data.portalOrigin} 可以嵌入本专栏。`
        : '已清除：任何网站都不能嵌入本专栏。',
    )
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.fragment)
      setCopied('已复制到剪贴板，可粘贴到门户网站的栏目源代码中。')
    } catch {
      // Without clipboard access (http, or refused): select the text for 复制 by hand.
      area.current?.focus()
      area.current?.select()
      setCopied('浏览器不允许直接复制，已选中全部代码，请按 Ctrl+C 复制。')
    }
  }

  const iframe = `<iframe src="${props.embedUrl}" title="政府信息公开工作年度报告" style="width:100%;height:600px;border:0"></iframe>`

  return (
    <div className="portal-embed">
      <form className="portal-origin" onSubmit={save}>
        <label>
          门户网站地址（允许嵌入本专栏的网站）
          <input
            value={origin}
            onChange={(e) => setOrigin(e.target.value)}
            placeholder="https://www.example.gov.cn"
            inputMode="url"
            aria-describedby="portal-origin-hint"
          />
        </label>
        <button type="submit">保存门户网站地址</button>
      </form>
      <small id="portal-origin-hint" className="muted">
        {PORTAL_ORIGIN_HINT}。
        {saved
          ? `当前：${saved} 可以用框架（iframe）嵌入本专栏；其他网站不能。`
          : '当前未设置：任何网站都不能用框架嵌入本专栏。'}
      </small>
      {note ? <p role="status">{note}</p> : null}

      <label htmlFor="portal-fragment">专栏代码（复制到门户网站栏目的源代码中；不含脚本，样式只作用于本栏目）</label>
      <textarea id="portal-fragment" ref={area} readOnly value={props.fragment} spellCheck={false} />
      <div className="copy-row">
        <button type="button" onClick={copy}>
          复制
        </button>
        {copied ? <span role="status">{copied}</span> : null}
      </div>

      <p>或在门户网站用框架嵌入（须先保存门户网站地址）：</p>
      <code>{iframe}</code>
      <ul className="addresses">
        <li>
          专栏：<a href={props.columnUrl}>{props.columnUrl}</a>
        </li>
        <li>
          可嵌入页面：<a href={props.embedUrl}>{props.embedUrl}</a>
        </li>
        <li>
          {props.year} 年度开放数据：<a href={props.indexJsonUrl}>JSON</a>、<a href={props.indexCsvUrl}>CSV</a>
        </li>
      </ul>
    </div>
  )
}
