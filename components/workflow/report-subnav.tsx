/** Links between a report's editor, its history and its versions. */
export function ReportSubnav({
  reportId,
  title,
  active,
}: {
  reportId: string
  title: string
  active: 'editor' | 'history' | 'versions'
}) {
  const link = (key: typeof active, href: string, text: string) =>
    key === active ? <strong aria-current="page">{text}</strong> : <a href={href}>{text}</a>
  return (
    <nav className="report-subnav" aria-label="年报">
      <span className="report-subnav-title">{title}</span>
      {link('editor', `/reports/${reportId}`, '填报')}
      {link('history', `/reports/${reportId}/history`, '操作记录')}
      {link('versions', `/reports/${reportId}/versions`, '版本')}
    </nav>
  )
}
