/**
 * 国办公开办函〔2019〕60号: the previous format, used for the 2019 and 2020 reports
 * (spec/format.md §3). Same shape as gov-2021; only table 二 and （六）其他处理 differ.
 */
import { narrativeLintRules } from './narrative-rules'
import {
  carriedOverRules,
  itemCountRules,
  jumpRule,
  pendingReferenceRule,
  totalPublishedRules,
} from './cross-year-rules'
import {
  applicationRules,
  documentRules,
  preambleRule,
  reviewLitigationRules,
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
import type { CellValueType, FormatDef, RuleDef, SectionDef } from './types'

const itemColumns = [
  { key: 'priorYearItems', label: '上一年项目数量', valueType: 'count' as CellValueType },
  { key: 'yearChange', label: '本年增/减', valueType: 'signedCount' as CellValueType },
  { key: 'decisions', label: '处理决定数量', valueType: 'count' as CellValueType },
]

const sections: SectionDef[] = [
  OVERVIEW_SECTION,
  {
    kind: 'table',
    key: 'proactiveDisclosure',
    heading: HEADINGS.proactiveDisclosure,
    guidance: '按《条例》第二十条第（一）（五）（六）（八）（九）项填写。本年增/减中减少的填负数。',
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
            { key: 'newlyMade', label: '本年新制作数量', valueType: 'count' },
            { key: 'newlyPublished', label: '本年新公开数量', valueType: 'count' },
            { key: 'totalPublished', label: '对外公开总数量', valueType: 'count' },
          ],
          rows: [PROACTIVE_ROWS.regulations, { key: 'normativeDocuments', label: '规范性文件' }],
        },
        {
          key: 'art20_5',
          caption: ART20_CAPTIONS.art20_5,
          columns: itemColumns,
          rows: [PROACTIVE_ROWS.licensing, { key: 'otherAdminServices', label: '其他对外管理服务事项' }],
        },
        {
          key: 'art20_6',
          caption: ART20_CAPTIONS.art20_6,
          columns: itemColumns,
          rows: [PROACTIVE_ROWS.penalty, PROACTIVE_ROWS.coercion],
        },
        {
          key: 'art20_8',
          caption: ART20_CAPTIONS.art20_8,
          columns: itemColumns.slice(0, 2),
          rows: [PROACTIVE_ROWS.adminFees],
        },
        {
          key: 'art20_9',
          caption: ART20_CAPTIONS.art20_9,
          columns: [
            { key: 'procurementProjects', label: '采购项目数量', valueType: 'count' },
            { key: 'procurementAmount', label: '采购总金额', valueType: 'decimal' },
          ],
          rows: [{ key: 'centralProcurement', label: '政府集中采购' }],
          unitField: { key: 'procurementAmountUnit', label: '采购总金额单位', options: ['元', '万元'] },
        },
      ],
    },
  },
  applicationsSection({ kind: 'row', key: 'otherDisposal', label: '（六）其他处理' }),
  REVIEW_LITIGATION_SECTION,
  {
    kind: 'narrative',
    key: 'problemsImprovements',
    heading: HEADINGS.problemsImprovements,
    guidance: '如实说明本年度政府信息公开工作存在的主要问题和改进措施。',
  },
  OTHER_MATTERS_SECTION,
]

const prior = (block: string, row: string) => [
  `proactiveDisclosure.${block}.${row}.priorYearItems`,
  `proactiveDisclosure.${block}.${row}.yearChange`,
]

const rules: RuleDef[] = [
  ...valueRules(sections),
  ...(
    [
      ['art20_5', 'licensing'],
      ['art20_5', 'otherAdminServices'],
      ['art20_6', 'penalty'],
      ['art20_6', 'coercion'],
      ['art20_8', 'adminFees'],
    ] as const
  ).map(
    ([block, row]): RuleDef => ({
      kind: 'linear',
      id: `Q1.${row}`,
      family: 'Q',
      severity: 'error',
      op: 'lte',
      left: [],
      right: prior(block, row),
      message: '上一年项目数量加本年增/减不能小于0',
    }),
  ),
  ...(['regulations', 'normativeDocuments'] as const).map(
    (row): RuleDef => ({
      kind: 'linear',
      id: `Q3.${row}`,
      family: 'Q',
      severity: 'warning',
      op: 'lte',
      left: [`proactiveDisclosure.art20_1.${row}.newlyPublished`],
      right: [`proactiveDisclosure.art20_1.${row}.totalPublished`],
      message: '对外公开总数量通常不少于本年新公开数量',
    }),
  ),
  ...applicationRules(sections, 'applications', 'otherMatters.infoProcessingFee'),
  ...reviewLitigationRules(sections, 'reviewLitigation'),
  statedRule(),
  ...documentRules(sections, 'overview', 'problemsImprovements', 'otherMatters'),
  preambleRule(),
  ...statementRules(),
  // Cross-year rules (need last year's report): appended, so the rules above keep their order.
  ...carriedOverRules(sections, 'applications'),
  ...itemCountRules(sections, 'proactiveDisclosure', { prior: 'priorYearItems', change: 'yearChange' }),
  ...totalPublishedRules(sections, 'proactiveDisclosure', 'art20_1', 'totalPublished'),
  pendingReferenceRule(sections, 'reviewLitigation', 'pending'),
]
rules.push(jumpRule(sections, ['proactiveDisclosure', 'applications', 'reviewLitigation'], rules))
// Leftovers, section checks and copied text in the narratives (issue 14): at the paragraph.
rules.push(...narrativeLintRules())

export const GOV_2019: FormatDef = {
  version: '2019',
  basis: '国办公开办函〔2019〕60号',
  title: '政府信息公开工作年度报告',
  preamble: PREAMBLE,
  sections,
  rules,
  ruleFamilies: [
    ...Object.entries(FAMILY_TITLES).map(([id, f]) => ({ id, ...f })),
    { id: 'Q', title: '表二（2019年格式）', basis: '规则 Q1–Q5：项目数量与公开数量（Q2、Q5 与上年度年报比较）' },
  ],
}
