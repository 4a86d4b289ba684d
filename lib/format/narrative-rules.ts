/**
 * The narrative checks of issue 14 as rules of the format (L1–L12), so that /rules, the editor,
 * the server and `nianbao validate` list them like the others. What each one checks is in its
 * `definition`; the code that applies it is lib/narrative (leftovers, section-checks, similarity),
 * joined to the results by lib/narrative/findings.ts.
 */
import type { NarrativeRuleDef } from './types'

const rule = (id: string, severity: NarrativeRuleDef['severity'], message: string, definition: string) =>
  ({ kind: 'narrative', id, family: 'L', severity, message, definition }) satisfies NarrativeRuleDef

export function narrativeLintRules(): NarrativeRuleDef[] {
  return [
    rule(
      'L1',
      'warning',
      '正文中有疑似文字识别（OCR）残留的乱码，请删除或按原文改正',
      '一段中出现8个以上连续大写拉丁字母，或3处以上3个以上连续大写字母（APP、ICP、PDF等常用缩写和网址、邮箱除外）。',
    ),
    rule(
      'L2',
      'warning',
      '正文中有文档转换留下的标记，请删除',
      '[image: …]、[bookmark: …]、_GoBack、_Hlk…、MERGEFORMAT 等 Word/WPS 转换标记。',
    ),
    rule(
      'L3',
      'warning',
      '正文中有尚未填写的占位内容',
      'XX、××、○○、某某局、待补充、待填写、此处填写、请填写、TODO 等。',
    ),
    rule(
      'L4',
      'warning',
      '正文把其他年份称作本年度，疑似沿用往年文字',
      '“本年度（2021年）”“2021年即本年度”“统计期限自2021年1月1日起”等写明为本年度的年份不是本报告的年度；开头段落中“编制××年政府信息公开工作年度报告”的年份同样核对。与其他年份的比较（较2021年增长）不在此列。',
    ),
    rule(
      'L5',
      'warning',
      '正文中重复了部分标题，标题由系统统一排版，请删除该行',
      '一段恰为本部分标题（有无序号均算），或为另一部分的标题（整篇粘贴进一个部分）。',
    ),
    rule(
      'L6',
      'warning',
      '第五部分不能只写“无”：条例第五十条要求报告存在的主要问题及改进情况',
      '第五部分除小标题外只有“无”“暂无”“暂无问题”“没有明显问题”等。',
    ),
    rule(
      'L7',
      'error',
      '表格全部空白：没有发生的请填写0，整张表空白视为缺少该部分',
      '表三或表四存在但没有任何单元格有值（新建年报尚未开始填写的部分显示为待填写，标记为完成或提交时计为错误）。',
    ),
    rule(
      'L8',
      'info',
      '第五部分宜说明上年度所列问题的整改情况',
      '第五部分没有一句同时提到往年（上年、去年、往年、以往、前期或上一年的年份）和问题、不足、整改或改进。',
    ),
    rule(
      'L9',
      'warning',
      '第六部分关于信息处理费的表述与表三或收费数据不一致',
      '第六部分某段写明未收取信息处理费或未发出收费通知，而表三“未按收费通知要求缴纳费用”大于0，或实际收取信息处理费、发出收费通知件数大于0（规则 A6、A7 在段落上的核对）。',
    ),
    rule(
      'L10',
      'warning',
      '正文与上年度年报重复超过一半，请按本年度工作实际撰写',
      '与本机关上年度年报逐段比较：去掉空白、标点、符号和数字后按5字切分，两段的5字片段集合的Jaccard相似度不低于0.9为几乎相同（少于20字的段落不比较）；与上年重复的段落字数占比较段落字数的比例大于50%时提示。没有上年度年报时不适用。',
    ),
    rule(
      'L11',
      'info',
      '本段与上年度年报相同或几乎相同',
      '同 L10 的比较：本段与上年度年报某段相同（去掉标点、数字后一致）或相似度不低于0.9。',
    ),
    rule(
      'L12',
      'info',
      '本段与同年度其他机关的年报相同或几乎相同',
      '命令行同时检查同一年度多个机关的文件时，以及政务公开办的填报进度中（同一政府下同年度各机关的年报），按 L10 的方法与其他机关的年报逐段比较；填报进度显示每份年报与同级机关重复的比例，超过50%标为警告，并列出重复的段落及其来源。其他机关的正文只有政务公开办和管理员可见，填报人在编辑器中看不到本规则的结果。',
    ),
  ]
}
