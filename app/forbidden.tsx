/** Rendered with status 403 by forbidden() (lib/auth/guards.ts). */
export default function Forbidden() {
  return (
    <main className="narrow">
      <div className="card">
        <h1>无权访问（403）</h1>
        <p>您的账号没有权限查看或办理这项内容。年报只对本机关的填报人、审核人和上级政务公开办开放。</p>
        <p>
          如需开通权限，请联系系统管理员。<a href="/">返回年报列表</a>
        </p>
      </div>
    </main>
  )
}
