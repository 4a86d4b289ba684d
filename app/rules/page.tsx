import { FORMAT_LIST } from '@/lib/format/index'
import { PARENT_RULE_FAMILY } from '@/lib/rollup/parent-check'
import { parentRuleEntries, ruleEntries } from '@/lib/rules/describe'

export const metadata = { title: '核对规则 · 年报' }

/** The published rule list, produced from the format definitions (as docs/rules.md is). */
export default function RulesPage() {
  return (
    <main className="rules-page">
      <h1>核对规则</h1>
      <p className="hint">
        以下规则由报告格式定义自动生成，填报时实时检查。“错误”须改正后才能标记完成；“警告”须填写情况说明；“提示”供参考。空白不等于0。
      </p>
      {FORMAT_LIST.map((format) => {
        const rules = ruleEntries(format)
        const families = [...new Set(rules.map((r) => r.family))]
        return (
          <section key={format.version} id={`format-${format.version}`}>
            <h2>
              {format.basis}（{format.version}年格式）
            </h2>
            {families.map((family) => {
              const list = rules.filter((r) => r.family === family)
              return (
                <div key={family}>
                  <h3>{list[0].familyTitle}</h3>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">编号</th>
                        <th scope="col">级别</th>
                        <th scope="col">检查内容</th>
                        <th scope="col">适用范围</th>
                        <th scope="col">提示信息</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((r) => (
                        <tr key={r.id} id={`rule-${format.version}-${r.id}`}>
                          <td>{r.id}</td>
                          <td>{r.severityLabel}</td>
                          <td>{r.check}</td>
                          <td>
                            {r.covers.length ? (
                              <details>
                                <summary>{r.covers.length}处</summary>
                                <ul>
                                  {r.covers.map((c) => (
                                    <li key={c}>{c}</li>
                                  ))}
                                </ul>
                              </details>
                            ) : null}
                          </td>
                          <td>{r.message}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            })}
          </section>
        )
      })}
      <section id="rules-parent">
        <h2>{PARENT_RULE_FAMILY.title}</h2>
        <p className="hint">{PARENT_RULE_FAMILY.basis}（两种格式均适用）</p>
        <table>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">级别</th>
              <th scope="col">检查内容</th>
              <th scope="col">提示信息</th>
            </tr>
          </thead>
          <tbody>
            {parentRuleEntries().map((r) => (
              <tr key={r.id} id={`rule-${r.id}`}>
                <td>{r.id}</td>
                <td>{r.severityLabel}</td>
                <td>{r.check}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  )
}
