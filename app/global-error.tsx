'use client'

/**
 * When even the layout cannot be rendered (it reads the session from the database): a whole
 * page of its own, in Chinese, instead of Next's English default.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: 'sans-serif', maxWidth: '40rem', margin: '3rem auto', padding: '0 1rem' }}>
        <main role="alert">
          <h1>年报系统暂时无法访问</h1>
          <p>服务器暂时无法读取数据（例如数据库正在重启或网络中断），已保存的内容不受影响。</p>
          <p>请稍候几秒后重试；如多次出现，请联系系统管理员。</p>
          <p>
            <button type="button" onClick={() => reset()}>
              重试
            </button>{' '}
            <a href="/">返回首页</a>
          </p>
        </main>
      </body>
    </html>
  )
}
