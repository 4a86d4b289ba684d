'use client'

/** Replaces the root layout when it fails itself, so it brings its own html and body. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'sans-serif', padding: 24 }}>
        <h1>系统出错了</h1>
        <p>页面未能正常显示。已保存的内容不受影响，请重试；如仍出错，请联系系统管理员。</p>
        {error.digest ? <p>错误编号：{error.digest}</p> : null}
        <p>
          <button type="button" onClick={reset}>
            重试
          </button>{' '}
          <a href="/">返回年报列表</a>
        </p>
      </body>
    </html>
  )
}
