/** Links between a report's editor, its history, its versions and its publication record. */
export function ReportSubnav({
  reportId,
  title,
  active,
}: {
  reportId: string
  title: string
  active: 'editor' | 'history' | 'versions' | 'publication'
}) {
  const link = (key: typeof active, href: string, text: string) =>
    key === active ? <strong aria-current="page">{text}</strong> : <a href={href}>{text}</a>
  return (
    <nav className="report-subnav" aria-label="年报">
      <span className="report-subnav-title">{title}</span>
      {link('editor', `/reports/${reportId}`, '填报')}
      {link('history', `/reports/${reportId}/history`, '操作记录')}
      {link('versions', `/reports/${reportId}/versions`, '版本')}
      {link('publication', `/reports/${reportId}/publication`, '发布记录')}
    </nav>
  )
}
