/**
 * 国办公开办函〔2019〕60号: the previous format, used for the 2019 and 2020 reports
 * (spec/format.md §3). Same shape as gov-2021; only table 二 and （六）其他处理 differ.
 */
import { applicationRules, documentRules, reviewLitigationRules, valueRules } from './rule-builders'
import {
  APPLICANT_COLUMNS,
  APPLICATIONS_CORNER,
  applicationRows,
  FAMILY_TITLES,
  OTHER_MATTERS_SECTION,
  OVERVIEW_SECTION,
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
    heading: '二、主动公开政府信息情况',
    guidance: '按《条例》第二十条第（一）（五）（六）（八）（九）项填写。本年增/减中减少的填负数。',
    table: {
      kind: 'blocks',
      key: 'proactiveDisclosure',
      rowHeaderLabel: '信息内容',
      valueColumns: 3,
      blocks: [
        {
          key: 'art20_1',
          caption: '第二十条第（一）项',
          columns: [
            { key: 'newlyMade', label: '本年新制作数量', valueType: 'count' },
            { key: 'newlyPublished', label: '本年新公开数量', valueType: 'count' },
            { key: 'totalPublished', label: '对外公开总数量', valueType: 'count' },
          ],
          rows: [
            { key: 'regulations', label: '规章' },
            { key: 'normativeDocuments', label: '规范性文件' },
          ],
        },
        {
          key: 'art20_5',
          caption: '第二十条第（五）项',
          columns: itemColumns,
          rows: [
            { key: 'licensing', label: '行政许可' },
            { key: 'otherAdminServices', label: '其他对外管理服务事项' },
          ],
        },
        {
          key: 'art20_6',
          caption: '第二十条第（六）项',
          columns: itemColumns,
          rows: [
            { key: 'penalty', label: '行政处罚' },
            { key: 'coercion', label: '行政强制' },
          ],
        },
        {
          key: 'art20_8',
          caption: '第二十条第（八）项',
          columns: itemColumns.slice(0, 2),
          rows: [{ key: 'adminFees', label: '行政事业性收费' }],
        },
        {
          key: 'art20_9',
          caption: '第二十条第（九）项',
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
  {
    kind: 'table',
    key: 'applications',
    heading: '三、收到和处理政府信息公开申请情况',
    guidance: '按申请人类型填写申请数量和办理结果。每件申请只计入一种办理结果；总计列和（七）总计由系统自动合计。',
    table: {
      kind: 'matrix',
      key: 'applications',
      corner: APPLICATIONS_CORNER,
      valueType: 'count',
      columns: APPLICANT_COLUMNS,
      rows: applicationRows({ kind: 'row', key: 'otherDisposal', label: '（六）其他处理' }),
    },
  },
  REVIEW_LITIGATION_SECTION,
  {
    kind: 'narrative',
    key: 'problemsImprovements',
    heading: '五、存在的主要问题及改进情况',
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
  ...documentRules(sections, 'overview', 'problemsImprovements', 'otherMatters'),
]

export const GOV_2019: FormatDef = {
  version: '2019',
  basis: '国办公开办函〔2019〕60号',
  title: '政府信息公开工作年度报告',
  sections,
  rules,
  ruleFamilies: [
    ...Object.entries(FAMILY_TITLES).map(([id, f]) => ({ id, ...f })),
    { id: 'Q', title: '表二（2019年格式）', basis: '规则 Q1、Q3：项目数量与公开数量' },
  ],
}
