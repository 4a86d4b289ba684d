/**
 * A .docx written the way WPS Office writes one, from a published report's content (its
 * narratives and its tables as printed), for the importer's tests. No WPS-written report was
 * available, so this reproduces what WPS documents carry that Word and LibreOffice files do not,
 * or not as often (each trait is named where it is written):
 *
 * 1. Runs split per character, each with its own run properties (fonts, size, bold), and
 *    `w:proofErr`, `w:bookmarkStart`/`End` and `w:lastRenderedPageBreak` between them.
 * 2. Section headings numbered by `w:numPr` (numbering.xml, `chineseCounting`, “%1、”), the
 *    ordinal not typed: the first heading names the numbering itself, the others only through
 *    their paragraph style (heading 2 carries the `w:numPr`).
 * 3. A block `w:sdt` content control around the title, an inline `w:sdt` (a date picker) around
 *    the signature date.
 * 4. `mc:AlternateContent`: the 落款 in a text box, once as `wps:wsp`/`wps:txbx` (Choice) and
 *    again as VML `v:textbox` (Fallback): the text must be read once.
 * 5. The `wpsCustomData`, `w14`, `w15`, `wp14` namespaces, `w14:paraId`/`w14:textId` and rsids on
 *    paragraphs, `mc:Ignorable`; docProps/custom.xml with KSOProductBuildVer.
 * 6. Tables with `w:tblGrid`, `w:tcW w:type="dxa"`, `w:gridSpan`, `w:vMerge` restart/continue,
 *    `w:tblPrEx` and `w:trHeight` per row, vertical text, a cell's text in several paragraphs.
 * 7. Soft line breaks `w:br` inside column headings and inside a narrative paragraph.
 * 8. Paragraphs indented by typed full-width spaces (“　　”) rather than by `w:ind`.
 *
 * `scripts/make-wps-docx.ts` writes test/published-docx/pingtan-xzspj-2024-wps.docx with it.
 */
import JSZip from 'jszip'
import { narrativePath } from '@/lib/format/cells'
import { tableGrid } from '@/lib/format/grid'
import type { FormatDef } from '@/lib/format/types'
import type { ImportResult } from '@/lib/import/types'
import { getAt } from '@/lib/report/values'
import { derivedCells } from '@/lib/rules/derive'

const NS = [
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:o="urn:schemas-microsoft-com:office:office"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:w10="urn:schemas-microsoft-com:office:word"',
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"',
  'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"',
  'xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"',
  'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData"',
  'mc:Ignorable="w14 w15 wp14"',
].join(' ')

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Deterministic ids (WPS writes 8 hex digits per paragraph). */
function ids() {
  let n = 0x1a2b0000
  return () => (n++).toString(16).toUpperCase().padStart(8, '0')
}

const RPR = (bold: boolean, size: number, font: string) =>
  `<w:rPr><w:rFonts w:hint="eastAsia" w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>${bold ? '<w:b/><w:bCs/>' : ''}<w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>`

/**
 * Trait 1: one run per character (digits of a number stay in one run, as WPS keeps a typed
 * number), proofing and bookmark marks between runs; `**bold**` markup becomes bold runs.
 */
function runs(text: string, options: { bold?: boolean; size?: number; font?: string; marks?: boolean } = {}) {
  const { size = 32, font = '仿宋_GB2312', marks = true } = options
  const out: string[] = []
  const parts = text.split('**')
  let index = 0
  parts.forEach((part, i) => {
    const bold = options.bold || i % 2 === 1
    for (const piece of part.match(/\d+(?:\.\d+)?|[\s\S]/g) ?? []) {
      if (marks && index % 23 === 5) out.push('<w:proofErr w:type="spellStart"/>')
      if (marks && index % 41 === 7) out.push(`<w:bookmarkStart w:id="${index}" w:name="_Toc${index}"/>`)
      out.push(`<w:r>${RPR(bold, size, font)}<w:t xml:space="preserve">${esc(piece)}</w:t></w:r>`)
      if (marks && index % 41 === 7) out.push(`<w:bookmarkEnd w:id="${index}"/>`)
      if (marks && index % 23 === 5) out.push('<w:proofErr w:type="spellEnd"/>')
      if (marks && index === 60) out.push(`<w:r>${RPR(bold, size, font)}<w:lastRenderedPageBreak/></w:r>`)
      index++
    }
  })
  return out.join('')
}

/** Trait 8: a body paragraph indented by two typed full-width spaces. */
function bodyParagraph(id: () => string, text: string) {
  return `<w:p w14:paraId="${id()}" w14:textId="${id()}" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/>${RPR(false, 32, '仿宋_GB2312')}</w:pPr>${runs(`\u3000\u3000${text}`)}</w:p>`
}

/** Trait 2: the heading's ordinal comes from numbering.xml (numId 1, level 0), not the text. */
function headingParagraph(id: () => string, heading: string, direct: boolean) {
  const text = heading.replace(/^[一二三四五六七八九十]+、/, '')
  const numPr = direct ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''
  return `<w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:pStyle w:val="2"/>${numPr}<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/>${RPR(true, 32, '黑体')}</w:pPr>${runs(text, { bold: true, font: '黑体' })}</w:p>`
}

/** Trait 7: a column heading broken after its first four characters by a soft line break. */
function cellRuns(text: string, header: boolean) {
  if (header && text.length > 5 && !/^（/.test(text)) {
    return `${runs(text.slice(0, 4), { size: 21, font: '宋体', marks: false })}<w:r><w:br/></w:r>${runs(text.slice(4), { size: 21, font: '宋体', marks: false })}`
  }
  return runs(text, { size: 21, font: '宋体', marks: false })
}

const cellParagraph = (id: () => string, inner: string) =>
  `<w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:widowControl/><w:jc w:val="center"/><w:textAlignment w:val="center"/></w:pPr>${inner}</w:p>`

/**
 * Trait 6: the official grid of one table with gridSpan and vMerge; every cell's width in dxa;
 * a vertical group label's text as one paragraph per two characters.
 */
function table(id: () => string, format: FormatDef, sectionKey: string, printed: (p: string) => string) {
  const section = format.sections.find((s) => s.key === sectionKey)
  if (section?.kind !== 'table') throw new Error(sectionKey)
  const grid = tableGrid(section.table, derivedCells(format))
  const columns = grid.columnCount
  const width = Math.floor(8800 / columns)
  // Which grid positions are covered by a rowSpan from above: those get vMerge continue cells.
  const covered = new Map<string, { colSpan: number }>()
  const rowsXml: string[] = []
  grid.rows.forEach((row, r) => {
    const tcs: string[] = []
    let col = 0
    let next = 0
    const take = () => {
      while (covered.has(`${r}:${col}`)) {
        const { colSpan } = covered.get(`${r}:${col}`) as { colSpan: number }
        tcs.push(
          `<w:tc><w:tcPr><w:tcW w:w="${width * colSpan}" w:type="dxa"/>${colSpan > 1 ? `<w:gridSpan w:val="${colSpan}"/>` : ''}<w:vMerge/><w:tcBorders><w:top w:val="single" w:color="000000" w:sz="4" w:space="0"/></w:tcBorders><w:vAlign w:val="center"/></w:tcPr>${cellParagraph(id, '')}</w:tc>`,
        )
        col += colSpan
      }
    }
    take()
    for (; next < row.cells.length; next++) {
      const cell = row.cells[next]
      const rowSpan = cell.rowSpan ?? 1
      const colSpan = cell.colSpan ?? 1
      for (let k = 1; k < rowSpan; k++) covered.set(`${r + k}:${col}`, { colSpan })
      const text = cell.kind === 'value' ? printed(cell.path) : cell.text
      const vertical = cell.kind === 'rowGroup' && cell.vertical
      const body =
        vertical && text.length > 2
          ? (text.match(/.{1,2}/g) ?? []).map((t) => cellParagraph(id, cellRuns(t, false))).join('')
          : cellParagraph(id, cellRuns(text, cell.kind === 'columnHeader'))
      tcs.push(
        `<w:tc><w:tcPr><w:tcW w:w="${width * colSpan}" w:type="dxa"/>${colSpan > 1 ? `<w:gridSpan w:val="${colSpan}"/>` : ''}${rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : ''}<w:tcBorders><w:top w:val="single" w:color="000000" w:sz="4" w:space="0"/><w:left w:val="single" w:color="000000" w:sz="4" w:space="0"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>${vertical ? '<w:textDirection w:val="tbRlV"/>' : ''}<w:vAlign w:val="center"/></w:tcPr>${body}</w:tc>`,
      )
      col += colSpan
      take()
    }
    rowsXml.push(
      `<w:tblPrEx><w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4" w:space="0"/></w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPrEx><w:tr w14:paraId="${id()}" w14:textId="${id()}"><w:tblPrEx><w:tblCellMar><w:left w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPrEx><w:trPr><w:trHeight w:val="420" w:hRule="atLeast"/><w:jc w:val="center"/></w:trPr>${tcs.join('')}</w:tr>`,
    )
  })
  const gridCols = Array.from({ length: columns }, () => `<w:gridCol w:w="${width}"/>`).join('')
  return `<w:tbl><w:tblPr><w:tblStyle w:val="7"/><w:tblW w:w="${width * columns}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4" w:space="0"/><w:insideH w:val="single" w:color="000000" w:sz="4" w:space="0"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${gridCols}</w:tblGrid>${rowsXml.join('')}</w:tbl>`
}

/** Trait 3 and 4: the 落款 in a text box (Choice and Fallback), its date in an inline date control. */
function signatureBox(id: () => string, agency: string, date: string) {
  const content = `<w:txbxContent>${[
    `<w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:jc w:val="right"/></w:pPr>${runs(agency, { marks: false })}</w:p>`,
    `<w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:jc w:val="right"/></w:pPr><w:sdt><w:sdtPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:id w:val="147456789"/><w:date w:fullDate="2025-01-20T00:00:00Z"><w:dateFormat w:val="yyyy年M月d日"/><w:lid w:val="zh-CN"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date></w:sdtPr><w:sdtContent>${runs(date, { marks: false })}</w:sdtContent></w:sdt></w:p>`,
  ].join('')}</w:txbxContent>`
  const anchor = `<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>2857500</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>95250</wp:posOffset></wp:positionV><wp:extent cx="2743200" cy="685800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="2" name="文本框 2"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2743200" cy="685800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx>${content}</wps:txbx><wps:bodyPr rot="0" upright="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"/></wps:wsp></a:graphicData></a:graphic></wp:anchor>`
  const fallback = `<w:pict><v:shape id="文本框 2" o:spid="_x0000_s1026" o:spt="202" type="#_x0000_t202" style="position:absolute;left:0pt;margin-left:225pt;margin-top:7.5pt;height:54pt;width:216pt;z-index:251659264;" filled="f" stroked="f" coordsize="21600,21600"><v:path/><v:fill on="f" focussize="0,0"/><v:stroke on="f"/><v:imagedata o:title=""/><o:lock v:ext="edit" aspectratio="f"/><v:textbox>${content}</v:textbox></v:shape></w:pict>`
  return `<w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr><w:r><w:rPr><w:sz w:val="32"/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${anchor}</w:drawing></mc:Choice><mc:Fallback>${fallback}</mc:Fallback></mc:AlternateContent></w:r></w:p>`
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${NS}><w:abstractNum w:abstractNumId="0"><w:nsid w:val="5B1F2A3C"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5B1F2A3C"/><w:lvl w:ilvl="0" w:tentative="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${NS}><w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="宋体" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="21"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:next w:val="1"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="table" w:styleId="7"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:color="auto" w:sz="4" w:space="0"/></w:tblBorders></w:tblPr></w:style></w:styles>`

export interface WpsSource {
  format: FormatDef
  /** The published report as read (its narratives and the tables as printed). */
  result: ImportResult
  /** The 落款 date as printed at the end of the report. */
  signatureDate: string
}

/** The .docx bytes. Deterministic: the same source gives the same bytes. */
export async function wpsDocx({ format, result, signatureDate }: WpsSource): Promise<Uint8Array> {
  const id = ids()
  const report = result.report
  const printed = (p: string) => {
    const stated = report.stated?.[p]
    if (stated !== undefined && stated !== null) return String(stated)
    const v = getAt(report.sections, p.split('.'))
    if (v !== null && v !== undefined) return String(v)
    return result.recognition.printed[p] ?? ''
  }
  const body: string[] = []
  const agency = report.agency.name
  // Trait 3: the title inside a block content control.
  body.push(
    `<w:sdt><w:sdtPr><w:alias w:val="标题"/><w:tag w:val="title"/><w:id w:val="-1285463012"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder></w:sdtPr><w:sdtContent><w:p w14:paraId="${id()}" w14:textId="${id()}"><w:pPr><w:jc w:val="center"/></w:pPr>${runs(`${agency}${report.year}年政府信息公开工作年度报告`, { size: 44, font: '方正小标宋简体', marks: false })}</w:p></w:sdtContent></w:sdt>`,
  )
  for (const line of (report.preamble ?? '').split('\n').filter((l) => l.trim())) body.push(bodyParagraph(id, line))
  for (const section of format.sections) {
    body.push(headingParagraph(id, section.heading, section.key === format.sections[0].key))
    const p = narrativePath(section)
    if (p) {
      const lines = String(getAt(report.sections, p.split('.')) ?? '')
        .split('\n')
        .filter((l) => l.trim())
      lines.forEach((line, i) => {
        // Trait 7: a soft line break in the middle of the first paragraph of section 一.
        if (i === 0 && section.key === format.sections[0].key && line.length > 40) {
          const cut = line.indexOf('。') + 1 || 20
          body.push(
            bodyParagraph(id, line.slice(0, cut)).replace(
              /<\/w:p>$/,
              `<w:r><w:br/></w:r>${runs(line.slice(cut))}</w:p>`,
            ),
          )
        } else body.push(bodyParagraph(id, line))
      })
    } else {
      body.push(table(id, format, section.key, printed))
    }
  }
  body.push(signatureBox(id, agency, signatureDate))
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${NS}><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425" w:num="1"/><w:docGrid w:type="lines" w:linePitch="312" w:charSpace="0"/></w:sectPr></w:body></w:document>`
  const zip = new JSZip()
  const date = new Date('2025-01-20T08:00:00Z')
  const add = (name: string, text: string) => zip.file(name, text, { date })
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>`,
  )
  add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>`,
  )
  add(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
  )
  add('word/document.xml', document)
  add('word/numbering.xml', NUMBERING)
  add('word/styles.xml', STYLES)
  add(
    'docProps/app.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Application>WPS Office_12.1.0.18608_F1E327BC-269C-435d-A152-05C5408002CA</Application></Properties>`,
  )
  add(
    'docProps/custom.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.18608</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>3F2A1B4C5D6E4F7A8B9C0D1E2F3A4B5C_12</vt:lpwstr></property></Properties>`,
  )
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}
