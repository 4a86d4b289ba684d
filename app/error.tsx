'use client'

/**
 * A page that could not be rendered (most often: the database is restarting or unreachable).
 * The cause is not shown (Next hides server errors in production); what to do is.
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="narrow">
      <div className="card" role="alert">
        <h1>页面暂时无法显示</h1>
        <p>服务器暂时无法读取数据（例如数据库正在重启或网络中断），已保存的内容不受影响。</p>
        <p>请稍候几秒后重试；如多次出现，请联系系统管理员。</p>
        <p>
          <button type="button" onClick={() => reset()}>
            重试
          </button>{' '}
          <a href="/">返回年报列表</a>
        </p>
      </div>
    </main>
  )
}
