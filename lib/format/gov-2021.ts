/**
 * 国办公开办函〔2021〕30号: the current format, from the 2021 annual report on
 * (spec/format.md §2, §4). The single source of every label, key and rule of that format.
 */
import { narrativeLintRules } from './narrative-rules'
import { carriedOverRules, jumpRule, pendingReferenceRule, stockFlowRules } from './cross-year-rules'
import {
  applicationRules,
  documentRules,
  feeStatementRule,
  reviewLitigationRules,
  preambleRule,
  statedRule,
  statementRules,
  valueRules,
} from './rule-builders'
import {
  ART20_CAPTIONS,
  applicationsSection,
  FAMILY_TITLES,
  HEADINGS,
  OTHER_MATTERS_SECTION,
  PREAMBLE,
  OVERVIEW_SECTION,
  PROACTIVE_ROW_HEADER,
  PROACTIVE_ROWS,
  REVIEW_LITIGATION_SECTION,
} from './shared-parts'
import type { FormatDef, RuleDef, SectionDef } from './types'

const sections: SectionDef[] = [
  OVERVIEW_SECTION,
  {
    kind: 'table',
    key: 'proactiveDisclosure',
    heading: HEADINGS.proactiveDisclosure,
    guidance:
      '按《条例》第二十条第（一）（五）（六）（八）项填写本年度主动公开情况。收费金额以万元为单位，保留填报的小数位。',
    table: {
      kind: 'blocks',
      key: 'proactiveDisclosure',
      rowHeaderLabel: PROACTIVE_ROW_HEADER,
      valueColumns: 3,
      blocks: [
        {
          key: 'art20_1',
          caption: ART20_CAPTIONS.art20_1,
          columns: [
            { key: 'issued', label: '本年制发件数', valueType: 'count' },
            { key: 'repealed', label: '本年废止件数', valueType: 'count' },
            { key: 'inForce', label: '现行有效件数', valueType: 'count' },
          ],
          rows: [PROACTIVE_ROWS.regulations, { key: 'normativeDocuments', label: '行政规范性文件' }],
        },
        {
          key: 'art20_5',
          caption: ART20_CAPTIONS.art20_5,
          columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
          rows: [PROACTIVE_ROWS.licensing],
        },
        {
          key: 'art20_6',
          caption: ART20_CAPTIONS.art20_6,
          columns: [{ key: 'decisions', label: '本年处理决定数量', valueType: 'count' }],
          rows: [PROACTIVE_ROWS.penalty, PROACTIVE_ROWS.coercion],
        },
        {
          key: 'art20_8',
          caption: ART20_CAPTIONS.art20_8,
          columns: [{ key: 'feeAmount', label: '本年收费金额（单位：万元）', valueType: 'decimal', unit: '万元' }],
          rows: [PROACTIVE_ROWS.adminFees],
        },
      ],
    },
  },
  applicationsSection({
    kind: 'rowGroup',
    key: 'otherDisposal',
    label: '（六）其他处理',
    children: [
      {
        kind: 'row',
        key: 'otherNoCorrection',
        label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      },
      {
        kind: 'row',
        key: 'otherFeeUnpaid',
        label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      },
      { kind: 'row', key: 'otherOther', label: '3.其他' },
    ],
  }),
  REVIEW_LITIGATION_SECTION,
  {
    kind: 'narrative',
    key: 'problemsImprovements',
    heading: HEADINGS.problemsImprovements,
    topics: [
      { label: '存在的主要问题', keywords: ['问题', '不足', '差距'] },
      { label: '改进情况', keywords: ['改进', '整改', '措施', '下一步'] },
    ],
    guidance: '如实说明本年度政府信息公开工作存在的主要问题、上年度问题的整改情况和改进措施。',
  },
  OTHER_MATTERS_SECTION,
]

const rules: RuleDef[] = [
  ...valueRules(sections),
  {
    kind: 'above',
    id: 'T2.yuan',
    family: 'T',
    severity: 'warning',
    cells: ['proactiveDisclosure.art20_8.adminFees.feeAmount'],
    bound: 100000,
    message: '收费金额单位为万元，这个数值很大，请确认是否误按元填写',
  },
  ...applicationRules(sections, 'applications', 'otherMatters.infoProcessingFee'),
  ...reviewLitigationRules(sections, 'reviewLitigation'),
  statedRule(),
  {
    kind: 'above',
    id: 'P3',
    family: 'P',
    severity: 'warning',
    cells: [
      'proactiveDisclosure.art20_1.regulations.issued',
      'proactiveDisclosure.art20_1.regulations.repealed',
      'proactiveDisclosure.art20_1.regulations.inForce',
    ],
    bound: 0,
    unlessLevels: ['national', 'province', 'city'],
    message: '只有国务院部门和省、设区的市、自治州人民政府可以制定规章，本机关的规章数量通常应为0',
  },
  {
    kind: 'above',
    id: 'P4',
    family: 'P',
    severity: 'info',
    cells: ['proactiveDisclosure.art20_8.adminFees.feeAmount'],
    bound: 0,
    message: '请在正文中说明本年收费金额是否包含信息处理费',
  },
  ...documentRules(sections, 'overview', 'problemsImprovements', 'otherMatters'),
  feeStatementRule(sections, 'otherMatters'),
  preambleRule(),
  ...statementRules(),
  // Cross-year rules (need last year's report): appended, so the rules above keep their order.
  ...carriedOverRules(sections, 'applications'),
  ...stockFlowRules(sections, 'proactiveDisclosure', 'art20_1', {
    issued: 'issued',
    repealed: 'repealed',
    inForce: 'inForce',
  }),
  pendingReferenceRule(sections, 'reviewLitigation', 'pending'),
]
rules.push(jumpRule(sections, ['proactiveDisclosure', 'applications', 'reviewLitigation'], rules))
// Leftovers, section checks and copied text in the narratives (issue 14): at the paragraph.
rules.push(...narrativeLintRules())

export const GOV_2021: FormatDef = {
  version: '2021',
  basis: '国办公开办函〔2021〕30号',
  title: '政府信息公开工作年度报告',
  preamble: PREAMBLE,
  sections,
  rules,
  ruleFamilies: Object.entries(FAMILY_TITLES).map(([id, f]) => ({ id, ...f })),
}
