/**
 * The statement checks' recognition (lib/narrative/statements/recognise.ts) over the narratives of
 * the bench's files, in one isolate (decision 1000): per round the JS thread's CPU of `recognise`
 * of every text, and of its parts over every sentence worth reading (the sentences found,
 * `quantities`, `recogniseSentence`). The first round is cold (the command line recognises each
 * text once), the later ones show the steady cost. `recognise` keeps 64 texts; the bench's are
 * all different, so no round is served from it.
 *
 *   node --max-inlined-bytecode-size-cumulative=230 --import tsx scripts/validate-statements-probe.ts /tmp/years 6
 *
 * (the flag is the one bin/nianbao.js sets for validate; the directory holds files.txt, as the
 * bench's /tmp/years does.) Prints figures; never judged.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { formatFor } from '@/lib/format/index'
import { splitOverride } from '@/lib/narrative'
import { quantities, recognise, recogniseSentence, splitSentences } from '@/lib/narrative/statements/recognise'
import { narrativeTexts } from '@/lib/narrative/texts'

const dir = path.resolve(process.argv[2] ?? '/tmp/years')
const rounds = Number(process.argv[3] ?? 6)
const files = readFileSync(path.join(dir, 'files.txt'), 'utf8').trim().split(/\s+/)

/** This thread's CPU time in ms (schedstat's run time, in ns: finer than stat's 10 ms ticks). */
const cpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6

const texts: string[] = []
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
  const format = formatFor(report.formatVersion)
  if (!format) continue
  for (const t of narrativeTexts(format, report)) if (t.text.trim() !== '') texts.push(t.text)
}
const lines = texts.flatMap((t) => t.split('\n').map((raw) => splitOverride(raw.trim()).text)).filter((l) => l !== '')
// recognise's own selection (its WORTH_READING, a pattern it does not export): a number with a
// unit, a link, or the words of a statement of none.
const worth = /[0-9０-９]\s*(?:件|条|起|宗|个|项|次|份|元|%|％)|\{\{|(?:未|没有|无|不)[^。]*(?:申请|复议|诉讼|费)/
const sentences = lines.flatMap((l) => (worth.test(l) ? splitSentences(l).filter((s) => worth.test(s)) : []))
let chars = 0
for (const t of texts) chars += t.length
console.log(
  `${files.length} files: ${texts.length} texts, ${chars} characters, ${lines.length} lines, ` +
    `${sentences.length} sentences worth reading (${new Set(sentences).size} distinct)`,
)

/** The CPU of `work` on each item; its results are counted, so that none is left unused. */
const time = <T>(items: T[], work: (item: T) => { length: number } | boolean) => {
  const start = cpuMs()
  let found = 0
  for (const item of items) {
    const result = work(item)
    found += typeof result === 'boolean' ? Number(result) : result.length
  }
  return { ms: Math.round(cpuMs() - start), found }
}
const rows: Record<string, number[]> = { recognise: [], sentences: [], quantities: [], recogniseSentence: [] }
for (let r = 0; r < rounds; r++) {
  rows.recognise.push(time(texts, (t) => recognise(t)).ms)
  rows.sentences.push(time(lines, (l) => worth.test(l) && splitSentences(l).filter((s) => worth.test(s))).ms)
  rows.quantities.push(time(sentences, (s) => quantities(s)).ms)
  rows.recogniseSentence.push(time(sentences, (s) => recogniseSentence(s)).ms)
}
for (const [what, ms] of Object.entries(rows)) console.log(`${what.padEnd(18)} CPU ms by round: ${ms.join(' ')}`)
