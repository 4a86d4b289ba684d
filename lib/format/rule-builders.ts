/**
 * Rules are data, but many follow from a table's structure (each row's 总计, each column's
 * 勾稽). These builders produce those rule objects from the declared tables, so a rule's cells
 * are never spelled by hand.
 */
import { dataRows, leafColumns, narrativePath, rowsUnder, sectionCells } from './cells'
import {
  APPLICATION_KEYS,
  APPLICATIONS_TOTAL_COLUMN,
  FEE_TOPIC,
  GOVERNMENT_ACCOUNTABILITY_TOPIC,
  REVIEW_TOTAL_RESULT,
} from './shared-parts'
import type { CellValueType, MatrixTableDef, RuleDef, SectionDef, Severity, SingleRowTableDef } from './types'
import { VALUE_TYPES } from './value-types'

const path = (...segments: string[]) => segments.join('.')

export function sectionByKey<K extends SectionDef['kind']>(
  sections: SectionDef[],
  key: string,
  kind: K,
): Extract<SectionDef, { kind: K }> {
  const section = sections.find((s) => s.key === key)
  if (!section || section.kind !== kind) throw new Error(`section ${key} is not a ${kind}`)
  return section as Extract<SectionDef, { kind: K }>
}

function matrixOf(sections: SectionDef[], key: string): MatrixTableDef {
  const table = sectionByKey(sections, key, 'table').table
  if (table.kind !== 'matrix') throw new Error(`${key} is not a matrix table`)
  return table
}

/** T1–T3: each value type's rule over its cells (rule id order); T5: no blanks before a report is finished. */
export function valueRules(sections: SectionDef[]): RuleDef[] {
  const cells = sections.flatMap(sectionCells)
  const types = (Object.keys(VALUE_TYPES) as CellValueType[]).sort((a, b) =>
    VALUE_TYPES[a].rule.id.localeCompare(VALUE_TYPES[b].rule.id),
  )
  const rules: RuleDef[] = []
  for (const type of types) {
    const { rule } = VALUE_TYPES[type]
    const paths = cells.filter((c) => c.valueType === type).map((c) => c.path)
    if (paths.length === 0 && !rule.always) continue
    rules.push({ kind: 'cellType', id: rule.id, family: 'T', severity: 'error', cells: paths, message: rule.message })
  }
  rules.push({
    kind: 'filled',
    id: 'T5',
    family: 'T',
    severity: 'warning',
    cells: cells.map((c) => c.path),
    message: '空白不等于0：没有发生的请填写0',
  })
  return rules
}

/** A1–A8 over table 三. */
export function applicationRules(sections: SectionDef[], sectionKey: string, feeFacts?: string): RuleDef[] {
  const table = matrixOf(sections, sectionKey)
  const columns = leafColumns(table.columns).map((c) => c.key)
  const addends = columns.filter((c) => c !== APPLICATIONS_TOTAL_COLUMN)
  const rows = dataRows(table.rows)
  const resultRows = rowsUnder(table, APPLICATION_KEYS.results).filter((r) => r !== APPLICATION_KEYS.resultsTotal)
  const K = APPLICATION_KEYS
  const T = APPLICATIONS_TOTAL_COLUMN
  const rules: RuleDef[] = []

  for (const r of rows) {
    rules.push({
      kind: 'linear',
      id: `A1.${r.key}`,
      family: 'A',
      severity: 'error',
      op: 'eq',
      left: [path(sectionKey, r.key, T)],
      right: addends.map((c) => path(sectionKey, r.key, c)),
      derives: true,
      message: `${r.label}：总计应等于自然人与法人或其他组织各列之和`,
    })
  }
  for (const c of columns) {
    rules.push({
      kind: 'linear',
      id: `A2.${c}`,
      family: 'A',
      severity: 'error',
      op: 'eq',
      left: [path(sectionKey, K.resultsTotal, c)],
      right: resultRows.map((r) => path(sectionKey, r, c)),
      // The 总计 column's （七）总计 is derived across the row (A1), not down the column.
      derives: c !== T,
      message: '（七）总计应等于（一）至（六）各项办理结果之和',
    })
  }
  for (const c of columns) {
    rules.push({
      kind: 'linear',
      id: `A3.${c}`,
      family: 'A',
      severity: 'error',
      op: 'eq',
      // Checked side first: 三（七）+ 四 must come to 一 + 二, and 结转 is what officers fix.
      left: [path(sectionKey, K.carriedForward, c), path(sectionKey, K.resultsTotal, c)],
      right: [path(sectionKey, K.newReceived, c), path(sectionKey, K.carriedOver, c)],
      finding: 'A3',
      message: '勾稽关系：第三项（七）总计加第四项之和，应等于第一项加第二项之和',
    })
  }
  for (const c of columns) {
    for (const [rowKey, what] of [
      [K.carriedForward, '结转下年度继续办理'],
      [K.resultsTotal, '本年度办理结果总计'],
    ] as const) {
      rules.push({
        kind: 'linear',
        id: `A4.${rowKey}.${c}`,
        family: 'A',
        severity: 'error',
        op: 'lte',
        left: [path(sectionKey, rowKey, c)],
        right: [path(sectionKey, K.newReceived, c), path(sectionKey, K.carriedOver, c)],
        // An A4 failure is the same imbalance as its column's A3 failure, seen from one row.
        finding: 'A3',
        message: `${what}不能超过本年新收与上年结转之和`,
      })
    }
  }
  rules.push({
    kind: 'above',
    id: 'A5',
    family: 'A',
    severity: 'info',
    cells: [path(sectionKey, K.partiallyGranted, T)],
    bound: 0,
    message: '部分公开（区分处理）的申请只计入“部分公开”一行，请确认未同时计入不予公开、无法提供等情形',
  })
  const feeUnpaid = rows.find((r) => r.key === 'otherFeeUnpaid')
  if (feeFacts && feeUnpaid) {
    rules.push({
      kind: 'linear',
      id: 'A6',
      family: 'A',
      severity: 'warning',
      op: 'lte',
      left: [path(sectionKey, feeUnpaid.key, T)],
      right: [path(feeFacts, 'noticesIssued')],
      message: '因逾期未缴费不再处理的申请，不应多于第六部分发出的收费通知件数',
    })
  }
  if (feeFacts) {
    const [factsSection] = feeFacts.split('.')
    const other = sectionByKey(sections, factsSection, 'narrativeWithFacts')
    rules.push({
      kind: 'mentions',
      id: 'A7',
      family: 'A',
      severity: 'info',
      texts: [narrativePath(other) as string],
      topics: [FEE_TOPIC],
      whenPositive: [path(sectionKey, K.notProcessedExcessive, T), path(feeFacts, 'amountCollectedYuan')],
      message: '有大量反复申请或收取了费用，第六部分宜说明信息处理费收取情况',
    })
    rules.push({
      kind: 'linear',
      id: 'A9',
      family: 'A',
      severity: 'error',
      op: 'lte',
      left: [path(feeFacts, 'amountCollectedYuan')],
      right: [path(feeFacts, 'amountBilledYuan')],
      message: '实际收取的信息处理费不能多于应收取的信息处理费',
    })
  }
  rules.push({
    kind: 'structure',
    id: 'A8',
    family: 'A',
    severity: 'error',
    check: 'noGroupRowValues',
    message: '表三中“三、本年度办理结果”“（三）不予公开”等分组行不填数，小计只能由系统推算',
  })
  return rules
}

/** R1 over table 四: each group's 总计. */
export function reviewLitigationRules(sections: SectionDef[], sectionKey: string): RuleDef[] {
  const table = sectionByKey(sections, sectionKey, 'table').table as SingleRowTableDef
  const parts = table.results.filter((r) => r.key !== REVIEW_TOTAL_RESULT)
  return table.groups.map((g) => {
    const parent = table.parents.find((p) => p.key === g.parent)
    return {
      kind: 'linear',
      id: `R1.${g.key}`,
      family: 'R',
      severity: 'error',
      op: 'eq',
      left: [path(sectionKey, g.key, REVIEW_TOTAL_RESULT)],
      right: parts.map((r) => path(sectionKey, g.key, r.key)),
      derives: true,
      message: `${parent ? `${parent.label}·` : ''}${g.label}：总计应等于结果维持、结果纠正、其他结果、尚未审结之和`,
    } satisfies RuleDef
  })
}

/** D1–D4: the document as a whole. */
export function documentRules(
  sections: SectionDef[],
  overviewKey: string,
  problemsKey: string,
  otherKey: string,
): RuleDef[] {
  const overview = sectionByKey(sections, overviewKey, 'narrative')
  const other = sectionByKey(sections, otherKey, 'narrativeWithFacts')
  const otherText = narrativePath(other) as string
  return [
    {
      kind: 'structure',
      id: 'D1',
      family: 'D',
      severity: 'error',
      check: 'sectionsPresent',
      message: '六个部分都必须有内容，并按规定顺序和标题排列',
    },
    {
      kind: 'mentions',
      id: 'D2',
      family: 'D',
      severity: 'warning',
      texts: [overviewKey],
      topics: overview.topics ?? [],
      message: '总体情况应涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面',
    },
    {
      kind: 'mentions',
      id: 'D3',
      family: 'D',
      severity: 'warning',
      texts: [overviewKey, problemsKey],
      topics: [GOVERNMENT_ACCOUNTABILITY_TOPIC],
      agencyType: 'government',
      message: '人民政府的年报应报告工作考核、社会评议和责任追究结果情况（条例第五十条第四项）',
    },
    {
      kind: 'filled',
      id: 'D4',
      family: 'D',
      severity: 'warning',
      cells: [otherText],
      message: '其他需要报告的事项不能空着，没有的写“无”',
    },
  ]
}

/** D4 (2021): the 信息处理费 statement in section 六. */
export function feeStatementRule(sections: SectionDef[], otherKey: string): RuleDef {
  const other = sectionByKey(sections, otherKey, 'narrativeWithFacts')
  return {
    kind: 'mentions',
    id: 'D4.fee',
    family: 'D',
    severity: 'warning',
    texts: [narrativePath(other) as string],
    topics: [FEE_TOPIC],
    message: '2021年格式要求在第六部分说明信息处理费的收取情况',
  }
}

/** D5: the report opens with its preamble (legal basis, period, where published, contact). */
export function preambleRule(): RuleDef {
  return {
    kind: 'structure',
    id: 'D5',
    family: 'D',
    severity: 'warning',
    check: 'preamblePresent',
    message: '报告缺少标题后的开头段落（编制依据、统计期限、电子版查阅网址和联系方式）',
  }
}

/** S1: a total as printed (report.stated) agrees with its parts, in any table. */
export function statedRule(): RuleDef {
  return {
    kind: 'stated',
    id: 'S1',
    family: 'S',
    severity: 'error',
    message: '表中写明的合计与各项之和不一致',
  }
}

/**
 * N1–N7: the narrative's statements about table quantities (lib/format/narrative-phrases.ts says
 * which phrases mean which cells; lib/narrative/statements checks them) and its linked numbers.
 */
export function statementRules(): RuleDef[] {
  const rule = (id: string, severity: Severity, definition: string, message: string): RuleDef => ({
    kind: 'narrative',
    id,
    family: 'N',
    severity,
    definition,
    message,
  })
  return [
    rule(
      'N1',
      'warning',
      '正文中表述表中数量的句子（收到、新收、上年结转、受理、办结、答复的申请数；予以公开、部分公开、不予公开、无法提供、不予处理、其他处理、结转下年度的件数；行政复议、行政诉讼的件数及“均获维持”；规章、规范性文件的制发、废止、现行有效件数；信息处理费；“未收到申请”“未发生行政诉讼”“未收取信息处理费”等），所写数字等于表中对应单元格之和；识别不了的表述、表中没有的数字不核对',
      '正文所写数字与表中不一致',
    ),
    rule(
      'N2',
      'warning',
      '件数后所写的占比（“占58.10%”）按表中数值计算（以办理结果总计、本年新收加上年结转或本年新收为基数，句中写明总数的以其为准），四舍五入到所写的小数位后相等',
      '正文所写占比与表中数值不符',
    ),
    rule(
      'N3',
      'info',
      '占比或同比变化与按表计算的值只差末位（如2.675%写成2.67%）：属于四舍五入问题，不是数量错误',
      '正文所写百分比的四舍五入有误',
    ),
    rule(
      'N4',
      'warning',
      '一句中“其中”列出的各项件数之和不超过之前写明的总数；列出各项后写“共计/合计/共”的，各项之和等于所写合计（括号内的数字不计）',
      '正文列出的各项之和与所写合计不符',
    ),
    rule(
      'N5',
      'info',
      '“收到/受理申请X件”的X是本年新收加上年结转之和时，建议分别写明新收、结转与合计',
      '正文中“收到”的件数含上年结转，建议写明',
    ),
    rule(
      'N6',
      'warning',
      '“同比增长X%”“较去年回落X%”“比上年增加X件”等与上年度年报同一单元格比较后相符（需要上年度年报）',
      '正文所写同比变化与两年的表不符',
    ),
    rule('N7', 'error', '正文中的关联数据（{{单元格路径}}）都指向本格式的单元格', '正文中的关联数据无法识别'),
  ]
}
