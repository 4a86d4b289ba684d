/**
 * The tables of the real published reports in /work/shared/published, transcribed by hand from
 * each document (its tables as a reader sees them; the PDF from its printed pages), for the test
 * that the importer reproduces them. Each row is its printed cells in order, separated by
 * spaces; `_` is a cell printed empty. Table 二 rows are keyed by block.row; null = not printed.
 */
export interface PublishedExpectation {
  file: string
  formatVersion: '2021' | '2019'
  agency: string
  year: number
  table2: Record<string, string | null>
  /** Table 三's data rows in the format's order (25 in 2021, 23 in 2019). */
  table3: string[]
  /** Table 四: 行政复议, 未经复议直接起诉, 复议后起诉, five each. */
  table4: string
}

const zeros = (n: number) => Array.from({ length: n }, () => '0 0 0 0 0 0 0')

export const PUBLISHED: PublishedExpectation[] = [
  {
    file: 'pingtan-xzspj-2024.html',
    formatVersion: '2021',
    agency: '平潭综合实验区行政审批局',
    year: 2024,
    table2: {
      'art20_1.regulations': '0 0 0',
      'art20_1.normativeDocuments': '15 6 21',
      'art20_5.licensing': '3',
      'art20_6.penalty': '0',
      'art20_6.coercion': '0',
      'art20_8.adminFees': '0',
    },
    table3: [
      '28 0 0 0 0 0 28',
      '0 0 0 0 0 0 0',
      '18 0 0 0 0 0 18',
      '6 0 0 0 0 0 6',
      ...zeros(8),
      '4 0 0 0 0 0 4',
      ...zeros(2),
      ...zeros(5),
      ...zeros(3),
      '28 0 0 0 0 0 28',
      '0 0 0 0 0 0 0',
    ],
    // As printed: 结果维持 1 but 总计 0.
    table4: '1 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
  },
  {
    file: 'pingtan-shsyj-2025.html',
    formatVersion: '2021',
    agency: '平潭综合实验区社会事业局',
    year: 2025,
    table2: {
      'art20_1.regulations': null,
      'art20_1.normativeDocuments': '7 0 0',
      'art20_5.licensing': '1483',
      'art20_6.penalty': '37',
      'art20_6.coercion': '0',
      'art20_8.adminFees': '0',
    },
    table3: [
      '3 0 0 0 0 0 3',
      '0 0 0 0 0 0 0',
      '0 0 0 0 0 0 0',
      '0 0 0 0 0 0 0',
      ...zeros(8),
      '2 0 0 0 0 0 2',
      '1 0 0 0 0 0 1',
      '0 0 0 0 0 0 0',
      ...zeros(5),
      ...zeros(3),
      '3 0 0 0 0 0 3',
      '0 0 0 0 0 0 0',
    ],
    table4: '2 1 0 0 3 3 3 0 0 6 2 0 0 0 2',
  },
  {
    file: 'pingtan-zhzfyjj-2025.html',
    formatVersion: '2021',
    agency: '平潭综合实验区综合执法与应急管理局',
    year: 2025,
    table2: {
      'art20_1.regulations': '0 0 0',
      'art20_1.normativeDocuments': '0 0 0',
      'art20_5.licensing': '77',
      'art20_6.penalty': '204',
      'art20_6.coercion': '0',
      'art20_8.adminFees': '0',
    },
    table3: [
      '1 0 0 0 0 0 1',
      '0 0 0 0 0 0 0',
      ...zeros(2),
      ...zeros(8),
      ...zeros(3),
      '1 0 0 0 0 0 1',
      ...zeros(4),
      ...zeros(3),
      '1 0 0 0 0 0 1',
      '0 0 0 0 0 0 0',
    ],
    table4: '0 0 1 0 1 0 0 0 0 0 0 0 0 0 0',
  },
  {
    file: 'pingtan-zrzj-2020.html',
    formatVersion: '2019',
    agency: '平潭综合实验区自然资源与生态环境局',
    year: 2020,
    table2: {
      'art20_1.regulations': '0 0 0',
      'art20_1.normativeDocuments': '9 9 21',
      'art20_5.licensing': '20 18 0',
      'art20_5.otherAdminServices': '0 0 0',
      'art20_6.penalty': '88 143 14',
      'art20_6.coercion': '7 11 4',
      'art20_8.adminFees': '0 0',
      'art20_9.centralProcurement': '19 1690.9913',
    },
    table3: [
      '9 0 0 0 0 0 9',
      '0 0 0 0 0 0 0',
      '2 0 0 0 0 0 2',
      '4 0 0 0 0 0 4',
      ...zeros(8),
      // As printed: 法律服务机构 1 although none was received from one.
      '1 0 0 0 1 0 2',
      ...zeros(2),
      ...zeros(5),
      '2 0 0 0 0 0 2',
      // As printed: 总计 9 although the results add up to 10.
      '9 0 0 0 0 0 9',
      '0 0 0 0 0 0 0',
    ],
    table4: '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
  },
  {
    file: 'shuyang-fgj-2023.html',
    formatVersion: '2021',
    agency: '沭阳县发展和改革局',
    year: 2023,
    table2: {
      'art20_1.regulations': '0 0 0',
      'art20_1.normativeDocuments': '8 0 18',
      'art20_5.licensing': '0',
      'art20_6.penalty': '0',
      'art20_6.coercion': '0',
      'art20_8.adminFees': '0',
    },
    table3: [
      '26 _ _ _ _ _ 26',
      '0 _ _ _ _ _ 0',
      '26 _ _ _ _ _ 26',
      ...Array.from({ length: 20 }, () => '0 _ _ _ _ _ 0'),
      '26 _ _ _ _ _ 26',
      '0 _ _ _ _ _ 0',
    ],
    table4: '0 0 0 1 1 0 0 0 0 0 0 0 0 0 0',
  },
  {
    file: 'huaian-2024.pdf',
    formatVersion: '2021',
    agency: '淮安市人民政府',
    year: 2024,
    table2: {
      'art20_1.regulations': '1 0 11',
      'art20_1.normativeDocuments': '8 26 66',
      'art20_5.licensing': '447228',
      'art20_6.penalty': '3985758',
      'art20_6.coercion': '88283',
      'art20_8.adminFees': '96171.6',
    },
    table3: [
      '3001 53 0 0 61 4 3119',
      '34 0 0 0 0 0 34',
      '1288 21 0 0 50 3 1362',
      '447 7 0 0 0 0 454',
      '2 0 0 0 0 0 2',
      '30 1 0 0 0 0 31',
      '5 0 0 0 0 0 5',
      '6 0 0 0 0 0 6',
      '7 1 0 0 0 0 8',
      '12 0 0 0 0 0 12',
      '9 0 0 0 0 0 9',
      '105 0 0 0 0 0 105',
      '746 12 0 0 10 1 769',
      '11 0 0 0 0 0 11',
      '1 0 0 0 0 0 1',
      '56 6 0 0 0 0 62',
      '25 0 0 0 0 0 25',
      '0 0 0 0 0 0 0',
      '0 0 0 0 0 0 0',
      '1 0 0 0 0 0 1',
      '67 3 0 0 1 0 71',
      '6 0 0 0 0 0 6',
      '108 2 0 0 0 0 110',
      '2932 53 0 0 61 4 3050',
      '103 0 0 0 0 0 103',
    ],
    table4: '72 64 178 37 351 13 4 8 1 26 12 1 1 6 20',
  },
]
