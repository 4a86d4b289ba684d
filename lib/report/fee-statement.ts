/**
 * The standard 信息处理费 sentence of section 六 (citing 国办函〔2020〕109号 from 2021 on), written from the three
 * facts the officer entered, so the statement and the figures cannot disagree.
 */
import { isBlank } from './values'

export interface FeeFacts {
  noticesIssued: unknown
  amountBilledYuan: unknown
  amountCollectedYuan: unknown
}

const STATEMENT_PATTERN = /^[^\n]*信息处理费[^\n]*$/m

/** 国办函〔2020〕109号 took effect on 2021-01-01: reports of earlier years do not cite it. */
export const FEE_RULES_FIRST_YEAR = 2021

const basis = (year: number) =>
  year >= FEE_RULES_FIRST_YEAR ? '依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），' : ''

export function feeStatement(year: number, facts: FeeFacts): string | null {
  if (isBlank(facts.noticesIssued) || isBlank(facts.amountBilledYuan) || isBlank(facts.amountCollectedYuan)) return null
  const notices = Number(facts.noticesIssued)
  const collected = Number(facts.amountCollectedYuan)
  if (notices === 0 && collected === 0) {
    return `${year}年度，本机关${basis(year)}未向申请人发出收费通知，未收取信息处理费。`
  }
  return `${year}年度，本机关${basis(year)}共发出收费通知${notices}件，应收取信息处理费${facts.amountBilledYuan}元，实际收取${facts.amountCollectedYuan}元。`
}

/** Puts the sentence into the text: replaces an existing 信息处理费 line, else adds it first. */
export function withFeeStatement(text: string, statement: string): string {
  if (STATEMENT_PATTERN.test(text)) return text.replace(STATEMENT_PATTERN, statement)
  const trimmed = text.trim()
  return trimmed === '' || trimmed === '无' || trimmed === '无。' ? statement : `${statement}\n${text}`
}

/**
 * Wordings by which a section 六 states that no 信息处理费 was charged (the seeds: “未收取任何信息
 * 处理费”, “无办理信息公开申请过程中收取信息处理费情况”, “不收取信息处理费”).
 */
const NO_FEE =
  /(未|没有|不|无)(向申请人)?(收取|收)(任何)?(的)?信息处理费|未收取任何费用|无[^。\n]{0,30}收取信息处理费(的)?情况|信息处理费[^。\n]{0,10}(为0|为零|均为0|(?<!\d)0元)/

/** Whether the narrative says no fee was charged, so the three facts are 0. */
export function statesNoFee(text: string): boolean {
  return NO_FEE.test(text.replace(/\s+/g, ''))
}
