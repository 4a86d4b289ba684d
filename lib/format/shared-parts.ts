/**
 * Parts that the 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号) formats share, declared once.
 * Labels are the official ones, character for character (spec/format.md §2, §3).
 */
import type { ColumnNode, MatrixTableDef, PreambleDef, RowNode, SectionDef, SingleRowTableDef } from './types'

/** Section headings both formats share (the 2019 section 五 wording varied in practice; this is 2021's). */
export const HEADINGS = {
  proactiveDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  problemsImprovements: '五、存在的主要问题及改进情况',
} as const

/** Table 二: the first header cell of every block, block captions and rows common to both formats. */
export const PROACTIVE_ROW_HEADER = '信息内容'
export const ART20_CAPTIONS = {
  art20_1: '第二十条第（一）项',
  art20_5: '第二十条第（五）项',
  art20_6: '第二十条第（六）项',
  art20_8: '第二十条第（八）项',
  art20_9: '第二十条第（九）项',
} as const
export const PROACTIVE_ROWS = {
  regulations: { key: 'regulations', label: '规章' },
  licensing: { key: 'licensing', label: '行政许可' },
  penalty: { key: 'penalty', label: '行政处罚' },
  coercion: { key: 'coercion', label: '行政强制' },
  adminFees: { key: 'adminFees', label: '行政事业性收费' },
} as const

export const APPLICATIONS_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'

export const APPLICANT_COLUMNS: ColumnNode[] = [
  {
    kind: 'columnGroup',
    key: 'applicant',
    label: '申请人情况',
    children: [
      { kind: 'column', key: 'natural', label: '自然人' },
      {
        kind: 'columnGroup',
        key: 'legalEntity',
        label: '法人或其他组织',
        children: [
          { kind: 'column', key: 'commercial', label: '商业企业' },
          { kind: 'column', key: 'research', label: '科研机构' },
          { kind: 'column', key: 'publicInterest', label: '社会公益组织' },
          { kind: 'column', key: 'legalService', label: '法律服务机构' },
          { kind: 'column', key: 'other', label: '其他' },
        ],
      },
      { kind: 'column', key: 'total', label: '总计' },
    ],
  },
]

/** The column that holds each row's total; the others are its addends. */
export const APPLICATIONS_TOTAL_COLUMN = 'total'

const row = (key: string, label: string, hint?: string): RowNode => ({
  kind: 'row',
  key,
  label,
  ...(hint ? { hint } : {}),
})

export const DENIED_GROUP: RowNode = {
  kind: 'rowGroup',
  key: 'denied',
  label: '（三）不予公开',
  children: [
    row('deniedStateSecret', '1.属于国家秘密'),
    row('deniedLawForbidden', '2.其他法律行政法规禁止公开'),
    row('deniedSecurityStability', '3.危及“三安全一稳定”'),
    row('deniedThirdPartyRights', '4.保护第三方合法权益'),
    row('deniedInternalAffairs', '5.属于三类内部事务信息'),
    row('deniedProcessInfo', '6.属于四类过程性信息'),
    row('deniedEnforcementFile', '7.属于行政执法案卷'),
    row('deniedAdminQuery', '8.属于行政查询事项'),
  ],
}

export const UNABLE_GROUP: RowNode = {
  kind: 'rowGroup',
  key: 'unableToProvide',
  label: '（四）无法提供',
  children: [
    row('unableNotHeld', '1.本机关不掌握相关政府信息'),
    row('unableNeedsCreation', '2.没有现成信息需要另行制作'),
    row('unableUnclearAfterCorrection', '3.补正后申请内容仍不明确'),
  ],
}

export const NOT_PROCESSED_GROUP: RowNode = {
  kind: 'rowGroup',
  key: 'notProcessed',
  label: '（五）不予处理',
  children: [
    row('notProcessedPetition', '1.信访举报投诉类申请'),
    row('notProcessedDuplicate', '2.重复申请'),
    row('notProcessedPublication', '3.要求提供公开出版物'),
    row('notProcessedExcessive', '4.无正当理由大量反复申请'),
    row('notProcessedConfirmation', '5.要求行政机关确认或重新出具已获取信息'),
  ],
}

/** The rows of table 三, with the format's own （六）其他处理 part supplied by each version. */
export function applicationRows(otherDisposal: RowNode): RowNode[] {
  return [
    row('newReceived', '一、本年新收政府信息公开申请数量'),
    row('carriedOver', '二、上年结转政府信息公开申请数量'),
    {
      kind: 'rowGroup',
      key: 'results',
      label: '三、本年度办理结果',
      vertical: true,
      children: [
        row('granted', '（一）予以公开'),
        row(
          'partiallyGranted',
          '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
          '区分处理的申请只计入本行，不再计入不予公开、无法提供等其他情形。',
        ),
        DENIED_GROUP,
        UNABLE_GROUP,
        NOT_PROCESSED_GROUP,
        otherDisposal,
        row('resultsTotal', '（七）总计'),
      ],
    },
    row('carriedForward', '四、结转下年度继续办理'),
  ]
}

/** Row keys of table 三 with a meaning in the rules (the 勾稽 relation). */
export const APPLICATION_KEYS = {
  newReceived: 'newReceived',
  carriedOver: 'carriedOver',
  results: 'results',
  resultsTotal: 'resultsTotal',
  carriedForward: 'carriedForward',
  partiallyGranted: 'partiallyGranted',
  notProcessedExcessive: 'notProcessedExcessive',
} as const

/** Section 三 of either format: only （六）其他处理 differs. */
export function applicationsSection(otherDisposal: RowNode): SectionDef {
  const table: MatrixTableDef = {
    kind: 'matrix',
    key: 'applications',
    corner: APPLICATIONS_CORNER,
    valueType: 'count',
    columns: APPLICANT_COLUMNS,
    rows: applicationRows(otherDisposal),
  }
  return {
    kind: 'table',
    key: 'applications',
    heading: HEADINGS.applications,
    guidance: '按申请人类型填写申请数量和办理结果。每件申请只计入一种办理结果；总计列和（七）总计由系统自动合计。',
    table,
  }
}

export const REVIEW_LITIGATION_TABLE: SingleRowTableDef = {
  kind: 'singleRow',
  key: 'reviewLitigation',
  valueType: 'count',
  parents: [{ key: 'litigation', label: '行政诉讼' }],
  groups: [
    { key: 'review', label: '行政复议' },
    { key: 'litigationDirect', label: '未经复议直接起诉', parent: 'litigation' },
    { key: 'litigationAfterReview', label: '复议后起诉', parent: 'litigation' },
  ],
  results: [
    { key: 'upheld', label: '结果维持' },
    { key: 'corrected', label: '结果纠正' },
    { key: 'otherResult', label: '其他结果' },
    { key: 'pending', label: '尚未审结' },
    { key: 'total', label: '总计' },
  ],
}

export const REVIEW_TOTAL_RESULT = 'total'

export const OVERVIEW_SECTION: SectionDef = {
  kind: 'narrative',
  key: 'overview',
  heading: '一、总体情况',
  topics: [
    { label: '（一）主动公开', keywords: ['主动公开'] },
    { label: '（二）依申请公开', keywords: ['依申请公开'] },
    { label: '（三）政府信息管理', keywords: ['政府信息管理', '信息管理'] },
    { label: '（四）政府信息公开平台建设', keywords: ['平台建设', '公开平台'] },
    { label: '（五）监督保障', keywords: ['监督保障'] },
  ],
  guidance:
    '概述本机关贯彻落实《条例》的总体情况，通常按（一）主动公开（二）依申请公开（三）政府信息管理（四）政府信息公开平台建设（五）监督保障分项撰写，用具体数据和事实说明。',
}

export const REVIEW_LITIGATION_SECTION: SectionDef = {
  kind: 'table',
  key: 'reviewLitigation',
  heading: '四、政府信息公开行政复议、行政诉讼情况',
  table: REVIEW_LITIGATION_TABLE,
  guidance: '填写本年度因政府信息公开工作被申请行政复议、提起行政诉讼的情况。没有的，全部填0。',
}

export const OTHER_MATTERS_SECTION: SectionDef = {
  kind: 'narrativeWithFacts',
  key: 'otherMatters',
  heading: '六、其他需要报告的事项',
  textKey: 'text',
  factsKey: 'infoProcessingFee',
  factsTitle: '信息处理费',
  facts: [
    { key: 'noticesIssued', label: '发出收费通知', valueType: 'count', unit: '件' },
    { key: 'amountBilledYuan', label: '应收信息处理费', valueType: 'decimal', unit: '元' },
    { key: 'amountCollectedYuan', label: '实际收取信息处理费', valueType: 'decimal', unit: '元' },
  ],
  guidance:
    '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）报告信息处理费收取情况，以及本机关认为需要报告的其他事项；没有的写“无”。',
}

export const PREAMBLE: PreambleDef = {
  key: 'preamble',
  heading: '开头段落',
  guidance:
    '写在标题与“一、总体情况”之间、不编号：编制依据、统计期限（自某年1月1日起至12月31日止）、电子版的查阅网址和联系方式（地址、邮编、电话）。可用“生成”按本机关信息写出标准段落后修改。',
}

export const GOVERNMENT_ACCOUNTABILITY_TOPIC = {
  label: '工作考核、社会评议和责任追究结果情况',
  keywords: ['工作考核', '社会评议', '责任追究'],
}

export const FEE_TOPIC = { label: '信息处理费', keywords: ['信息处理费'] }

export const FAMILY_TITLES = {
  T: { title: '数值类型', basis: '规则 T1–T5：计数为非负整数，金额为非负小数，空白不等于0' },
  A: { title: '表三 收到和处理政府信息公开申请情况', basis: '规则 A1–A9：行合计、（七）总计、勾稽关系、信息处理费' },
  R: { title: '表四 行政复议、行政诉讼情况', basis: '规则 R1：各组总计；R3：上年度尚未审结的案件（供参考）' },
  P: { title: '表二 主动公开政府信息情况', basis: '规则 P1–P4（P1、P2 与上年度年报比较）' },
  D: { title: '全文', basis: '规则 D1–D5：六个部分、总体情况要点、其他需要报告的事项、开头段落' },
  X: {
    title: '跨年度衔接',
    basis: '规则 X1、X4：与本机关上年度年报比较（上年结转、大幅变化）；没有上年度年报时不适用',
  },
  S: { title: '写明的合计', basis: '规则 S1：粘贴或导入时表中写明的总计、小计，须等于各项之和' },
  L: {
    title: '正文的残留、占位与重复',
    basis:
      '规则 L1–L12：识别残留、转换标记、占位内容、年份、重复标题、第五部分、空白表格、信息处理费表述，与上年度及同年度其他机关年报的重复（逐段标注）',
  },
  N: {
    title: '正文中的数字',
    basis:
      '规则 N1–N7：正文（含开头段落）中关于表中数量的表述与表中数值核对；关联数据（插入数据）始终与表一致，不再核对',
  },
} as const
