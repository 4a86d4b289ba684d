import '../imports.css'
import { ImportUpload } from '@/components/import/import-upload'
import { requireUser } from '@/lib/auth/guards'
import { officerAgencies } from '@/lib/auth/permissions'

export const dynamic = 'force-dynamic'

/**
 * 导入已发布的年报 (from the report list) or 导入上年度年报 (?as=history, from a report): upload,
 * then the side-by-side view and the choice. Also the .xlsx template of tables 二/三/四.
 */
export default async function NewImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const query = await searchParams
  const history = query.as === 'history'
  const year = typeof query.year === 'string' && /^\d{4}$/.test(query.year) ? Number(query.year) : null
  const user = await requireUser('/imports/new')
  const agencies = officerAgencies(user)
  const requested = typeof query.agencyId === 'string' ? query.agencyId : null
  const mayAudit = !history && (user.isAdmin || user.memberships.some((m) => m.role === 'coordinator'))
  return (
    <main className="page import-page">
      <p>
        <a href="/">← 年报列表</a>
      </p>
      <h1>{history ? `导入上年度年报${year ? `（${year}年度）` : ''}` : '导入已发布的年报'}</h1>
      <p className="hint">
        {history
          ? '本机关上年度年报不是在本系统填写的，可导入已发布的文件，作为历史年报（不可修改）供上年结转、现行有效件数等跨年度规则核对。'
          : '导入门户网站、Word 或 PDF 中已发布的年报，或按表格模板填写的 Excel 文件：先并排显示原文和识别出的表格及检查结果，再决定新建草稿、保存为历史年报，或仅核对不保存。统筹人可一次上传多个文件或一个压缩包，核对各机关的年报。'}
      </p>
      {agencies.length || mayAudit ? (
        <ImportUpload
          agencies={agencies}
          mayAudit={mayAudit}
          purpose={history ? 'history' : 'report'}
          initialAgencyId={requested && agencies.some((a) => a.id === requested) ? requested : null}
        />
      ) : (
        <p className="field-error">只有机关的填报人（或统筹人核对时）可以导入年报。</p>
      )}
      <section className="card" aria-label="表格模板">
        <h2>Excel 表格模板</h2>
        <p className="hint">
          按国务院办公厅规定的表式排好表二、表三、表四（表头已锁定，只能在数字格填写）。填好后在上面上传，即可读入年报。
        </p>
        <div className="import-templates">
          <a className="button" href="/api/imports/template?format=2021" download>
            下载模板（2021年格式）
          </a>
          <a className="button" href="/api/imports/template?format=2019" download>
            下载模板（2019年格式）
          </a>
        </div>
      </section>
    </main>
  )
}
