/** Rendered with status 404 by notFound() and for any address the app does not have. */
export default function NotFound() {
  return (
    <main className="narrow">
      <div className="card">
        <h1>页面不存在（404）</h1>
        <p>您要打开的页面或年报不存在，可能已被删除，或链接有误。</p>
        <p>
          <a href="/">返回年报列表</a>
        </p>
      </div>
    </main>
  )
}
