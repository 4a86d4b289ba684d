/**
 * One thread's share of `nianbao validate` over many files (decision 0530): it reads and prepares
 * its files, says what the main thread needs to pair them and to find repeats among siblings,
 * then checks them and renders their parts of the output. The main thread runs one shard itself
 * and each worker thread (validate-worker.ts) one more; the checks are the single thread's.
 */
import type { ComparedParagraph, Grams, SiblingRepeat } from '@/lib/narrative/similarity'
import {
  gramOffset,
  grams as gramsOfText,
  keyOfPlace,
  ParagraphIndex,
  sharedGrams,
  siblingRepeats,
  textPlace,
} from '@/lib/narrative/similarity'
import type { PreviousReport } from '@/lib/rules/previous'
import {
  agencyKey,
  check,
  type OutputPart,
  paragraphsOf,
  type Previous,
  previousOf,
  type Read,
  readFile,
  renderPart,
} from './validate-core'

/** A file read by a shard: why not, or what pairing and the refusal of duplicates read. */
export type FileSummary =
  | { index: number; file: string; error: string }
  | {
      index: number
      file: string
      /** agencyKey of the report. */
      key: string
      year: number
      agencyName: string
      /** How a refusal names the agency: its code, else its name. */
      agencyLabel: string
    }

/**
 * What the siblings' pass and last year's comparison read of a paragraph: the others (the quote,
 * the weight) stay with the shard that checks the paragraph's own file.
 */
export type SharedParagraph = Pick<ComparedParagraph, 'section' | 'paragraph' | 'text' | 'grams'>

/** Paragraphs of several files in a few arrays (one postMessage copies them at once). */
export interface PackedParagraphs {
  /** Per file, how many of the paragraphs are its. */
  counts: number[]
  sections: string[]
  numbers: Int32Array<ArrayBuffer>
  /**
   * Where paragraph i's normalised text is: buffer texts[3i] (of `buffers`), from unit texts[3i + 1],
   * texts[3i + 2] units (the shared chunks' table of texts, similarity.ts TextKey: no string is
   * copied); or, when texts[3i] is -1, strings[texts[3i + 1]].
   */
  texts: Int32Array<ArrayBuffer>
  strings: string[]
  /**
   * Where paragraph i's grams are: buffer where[3i], from gram where[3i + 1], where[3i + 2] grams.
   * The buffers are shared (similarity.ts gramsInSharedChunks), so the grams are not copied.
   */
  where: Int32Array<ArrayBuffer>
  buffers: SharedArrayBuffer[]
}

/** The buffers of packed paragraphs moved (not copied) by postMessage; the shared ones are shared anyway. */
export const packedBuffers = (packed: PackedParagraphs): ArrayBuffer[] => [
  packed.numbers.buffer,
  packed.where.buffer,
  packed.texts.buffer,
]

export function packParagraphs(files: SharedParagraph[][]): PackedParagraphs {
  let paragraphs = 0
  let unshared = 0
  for (const list of files) {
    paragraphs += list.length
    for (const p of list) if (!(p.grams.buffer instanceof SharedArrayBuffer)) unshared += p.grams.length
  }
  const packed: PackedParagraphs = {
    counts: files.map((list) => list.length),
    sections: new Array<string>(paragraphs),
    numbers: new Int32Array(paragraphs),
    texts: new Int32Array(paragraphs * 3),
    strings: [],
    where: new Int32Array(paragraphs * 3),
    buffers: [],
  }
  // Grams not in a shared chunk (chunks off, or another caller's) are copied into one.
  const copies = unshared ? sharedGrams(unshared) : null
  let copied = 0
  const bufferIndex = new Map<SharedArrayBuffer, number>()
  const indexOf = (buffer: SharedArrayBuffer) => {
    let b = bufferIndex.get(buffer)
    if (b === undefined) {
      b = packed.buffers.length
      packed.buffers.push(buffer)
      bufferIndex.set(buffer, b)
    }
    return b
  }
  let i = 0
  for (const list of files) {
    for (const p of list) {
      packed.sections[i] = p.section
      packed.numbers[i] = p.paragraph
      const place = textPlace(p.text)
      if (typeof place === 'string') {
        packed.texts[3 * i] = -1
        packed.texts[3 * i + 1] = packed.strings.length
        packed.strings.push(place)
      } else {
        packed.texts[3 * i] = indexOf(place.buffer)
        packed.texts[3 * i + 1] = place.at
        packed.texts[3 * i + 2] = place.length
      }
      const grams = p.grams
      if (grams.buffer instanceof SharedArrayBuffer) {
        packed.where[3 * i] = indexOf(grams.buffer)
        packed.where[3 * i + 1] = gramOffset(grams)
      } else {
        const into = copies as Grams
        into.set(grams, copied)
        packed.where[3 * i] = indexOf(into.buffer as SharedArrayBuffer)
        packed.where[3 * i + 1] = copied
        copied += grams.length
      }
      packed.where[3 * i + 2] = grams.length
      i++
    }
  }
  return packed
}

/**
 * The packed paragraphs as ComparedParagraphs, file by file. Only where and what they say came
 * across (quote and weight are read of the asking report's own paragraphs, never of another's).
 */
export function unpackParagraphs(packed: PackedParagraphs): ComparedParagraph[][] {
  const files = new PackedFiles(packed)
  return packed.counts.map((_, k) => files.get(k))
}

/**
 * Packed paragraphs unpacked file by file when first asked for: the main thread unpacks only the
 * files of the years it compares itself and of the last years it borrows, not every file a worker
 * read (each paragraph's text is looked up in this thread's table of texts: half the serial step
 * between the read and the siblings' pass, decision 1026).
 */
export class PackedFiles {
  private readonly starts: Int32Array
  private readonly lists: (ComparedParagraph[] | undefined)[]

  constructor(private readonly packed: PackedParagraphs) {
    this.starts = new Int32Array(packed.counts.length + 1)
    packed.counts.forEach((count, k) => {
      this.starts[k + 1] = this.starts[k] + count
    })
    this.lists = new Array(packed.counts.length)
  }

  /** How many paragraphs file k has, without unpacking them. */
  count(k: number): number {
    return this.packed.counts[k]
  }

  get(k: number): ComparedParagraph[] {
    const known = this.lists[k]
    if (known) return known
    const { packed } = this
    const from = this.starts[k]
    const list: ComparedParagraph[] = new Array(packed.counts[k])
    for (let i = from; i < this.starts[k + 1]; i++) {
      const grams = sharedGrams(packed.where[3 * i + 2], packed.buffers[packed.where[3 * i]], packed.where[3 * i + 1])
      const t = packed.texts[3 * i]
      const text = keyOfPlace(
        t < 0
          ? packed.strings[packed.texts[3 * i + 1]]
          : { buffer: packed.buffers[t], at: packed.texts[3 * i + 1], length: packed.texts[3 * i + 2] },
        grams,
      )
      list[i - from] = {
        section: packed.sections[i],
        paragraph: packed.numbers[i],
        text,
        grams,
        quote: '',
        chars: 0,
      }
    }
    this.lists[k] = list
    return list
  }
}

/** A sibling repeat of one paragraph, as it travels: the paragraph by its place in its file's list. */
export interface SharedRepeat {
  at: number
  otherSection: string
  otherParagraph: number
  similarity: number
  identical: boolean
  name: string
  otherReport: number
  alsoIn: number
}

/**
 * The files of a call on threads, claimed a block at a time by whichever thread is free (decision
 * 1027): `next` is a counter the threads share. A fixed share per thread left the main thread
 * waiting for the worker after the reads (the worker starts later and reads slower) and again
 * after the checks; claimed, each thread reads as many files as its speed allows, and checks
 * those.
 */
export interface FileClaims {
  files: string[]
  /** The next block's number, at [0]: an Int32Array over a SharedArrayBuffer. */
  next: Int32Array
  /** Files a claim takes: even, so an agency's two years given together stay in one thread. */
  block: number
}

export const fileClaims = (files: string[], block: number): FileClaims => ({
  files,
  next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
  block,
})

/** The files this thread claims, block after block, until none is left. */
export function* claimedFiles({ files, next, block }: FileClaims): Generator<{ index: number; file: string }> {
  for (;;) {
    const from = Atomics.add(next, 0, 1) * block
    if (from >= files.length) return
    const to = Math.min(from + block, files.length)
    for (let index = from; index < to; index++) yield { index, file: files[index] }
  }
}

/** Last year's report held by another shard: its figures and paragraphs, sent to the checking one. */
export interface SharedPrevious {
  index: number
  file: string
  report: PreviousReport
}

/** A year's files for the siblings' pass: each file's index, how findings name it, its paragraphs. */
export interface YearFile {
  index: number
  name: string
  paragraphs: ComparedParagraph[]
}

/**
 * The paragraphs each file of one year repeats from another agency's file of that year (the
 * siblings' pass of validateFiles, similarity.ts siblingRepeats), by file index, as they travel.
 */
export function yearSiblings(files: YearFile[]): [number, SharedRepeat[]][] {
  const repeats = siblingRepeats(files.map((f) => ({ name: f.name, paragraphs: f.paragraphs })))
  return files.map((f, i) => {
    let at = 0
    const shared: SharedRepeat[] = []
    for (const m of repeats[i]) {
      // In the order of the file's paragraphs.
      while (f.paragraphs[at] !== m.paragraph) at++
      shared.push({
        at,
        otherSection: m.other.section,
        otherParagraph: m.other.paragraph,
        similarity: m.similarity,
        identical: m.identical,
        name: m.name,
        otherReport: m.otherReport,
        alsoIn: m.alsoIn,
      })
    }
    return [f.index, shared]
  })
}

/** A year of the siblings' pass sent to a worker: the paragraphs of the files it does not read itself. */
export interface SiblingYear {
  files: { index: number; name: string }[]
  /** The paragraphs of `files` this shard does not hold, in their order. */
  paragraphs: PackedParagraphs
}

export interface CheckTask {
  index: number
  /** Last year's file by its index (this shard's own, or one in `previous` of the call), or none. */
  previous: number | null
  siblings: SharedRepeat[]
}

export class Shard {
  private readonly reads = new Map<number, Read>()
  private readonly borrowed = new Map<number, Previous>()

  constructor(private readonly cwd: string) {}

  /** Reads the files (index: place among all the files); the paragraphs of those read, in order. */
  load(files: Iterable<{ index: number; file: string }>): {
    summaries: FileSummary[]
    paragraphs: ComparedParagraph[][]
  } {
    const summaries: FileSummary[] = []
    const paragraphs: ComparedParagraph[][] = []
    for (const { index, file } of files) {
      const read = readFile(file, this.cwd)
      if ('error' in read) {
        summaries.push({ index, file, error: read.error })
        continue
      }
      this.reads.set(index, read)
      const { agency, year } = read.report
      summaries.push({
        index,
        file,
        key: agencyKey(read.report),
        year,
        agencyName: agency.name,
        agencyLabel: agency.code ?? agency.name,
      })
      paragraphs.push(paragraphsOf(read))
    }
    return { summaries, paragraphs }
  }

  /** The figures of this shard's files that another shard needs as last year's. */
  lend(indices: number[]): SharedPrevious[] {
    return indices.map((index) => {
      const { file, report } = this.own(index)
      return {
        index,
        file,
        report: { formatVersion: report.formatVersion, year: report.year, sections: report.sections },
      }
    })
  }

  /** Last year's files held by other shards, with their paragraphs (from the load of their shard). */
  borrow(previous: SharedPrevious[], paragraphs: ComparedParagraph[][]): void {
    previous.forEach((p, i) => {
      this.borrowed.set(p.index, { file: p.file, report: p.report, index: new ParagraphIndex(paragraphs[i]) })
    })
  }

  /** The siblings' pass of the years given (files this shard holds use its own paragraphs). */
  siblings(years: SiblingYear[]): [number, SharedRepeat[]][] {
    return years.flatMap((year) => {
      const others = unpackParagraphs(year.paragraphs)
      let k = 0
      const files = year.files.map((f): YearFile => {
        const read = this.reads.get(f.index)
        return { ...f, paragraphs: read ? paragraphsOf(read) : others[k++] }
      })
      return yearSiblings(files)
    })
  }

  /**
   * Checks the files and renders their parts of the output, in the tasks' order; each part's text
   * encoded at once into `bytes` when given.
   */
  check(tasks: CheckTask[], json: boolean, bytes?: PartBytes): OutputPart[] {
    return tasks.map((task) => {
      const read = this.own(task.index)
      const previous = task.previous === null ? undefined : this.previous(task.previous)
      const paragraphs = paragraphsOf(read)
      const siblings = task.siblings.map(
        (s): SiblingRepeat => ({
          paragraph: paragraphs[s.at],
          // A finding names the other paragraph by where it is: that is what came across.
          other: {
            section: s.otherSection,
            paragraph: s.otherParagraph,
            quote: '',
            chars: 0,
            text: '',
            grams: EMPTY,
          },
          similarity: s.similarity,
          identical: s.identical,
          name: s.name,
          otherReport: s.otherReport,
          alsoIn: s.alsoIn,
        }),
      )
      const part = renderPart(check(read, previous, siblings), json)
      return bytes && 'text' in part ? { ...part, text: bytes.encode(part.text) } : part
    })
  }

  private own(index: number): Read {
    const read = this.reads.get(index)
    if (!read) throw new Error(`validate: file ${index} is not read by this thread`)
    return read
  }

  private previous(index: number): Previous {
    const borrowed = this.borrowed.get(index)
    return borrowed ?? previousOf(this.own(index))
  }
}

const EMPTY: Grams = gramsOfText('')

/** Bytes of the chunks PartBytes writes into: a part longer than this gets a chunk of its own. */
const PART_CHUNK = 1 << 20

/**
 * The parts' texts encoded as UTF-8 as soon as they are rendered (decision 0771), into chunks of
 * their own: the strings die young instead of living (and being promoted, and copied to the main
 * thread) until the output is written, and a worker moves the chunks to the main thread without a
 * copy. Each part is encoded on its own, as utf8Pieces encodes it: the same bytes.
 */
export class PartBytes {
  readonly chunks: ArrayBuffer[] = []
  private chunk: Buffer | null = null
  private used = 0

  encode(text: string | Uint8Array): Uint8Array {
    if (typeof text !== 'string') return text
    // Room for the longest encoding (3 bytes a UTF-16 code unit), so the text is encoded in one
    // pass: measuring it first (Buffer.byteLength) read every part twice.
    const room = 3 * text.length
    if (this.chunk === null || this.chunk.length - this.used < room) {
      const buffer = new ArrayBuffer(Math.max(PART_CHUNK, room))
      this.chunks.push(buffer)
      this.chunk = Buffer.from(buffer)
      this.used = 0
    }
    const at = this.used
    const n = this.chunk.write(text, at, room, 'utf8')
    this.used += n
    return new Uint8Array(this.chunk.buffer, at, n)
  }
}
