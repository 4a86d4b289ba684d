'use client'

/** Shown when a page fails while rendering; nothing saved is lost, the page may be tried again. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="narrow">
      <div className="card" role="alert">
        <h1>页面出错了</h1>
        <p>页面未能正常显示。已保存的内容不受影响，请重试；如仍出错，请联系系统管理员。</p>
        {error.digest ? <p className="hint">错误编号：{error.digest}</p> : null}
        <p>
          <button type="button" className="primary" onClick={reset}>
            重试
          </button>{' '}
          <a href="/">返回年报列表</a>
        </p>
      </div>
    </main>
  )
}
