/**
 * What the read pass of `validate` keeps alive (decision 0940): the first N files read in the
 * command line's shared-chunks mode, heap used after two full GCs, keeping (a) `stowed`: the reads,
 * their narratives stowed outside the heap, and their paragraphs, as the command does
 * (validate-shard.ts StowedTexts); (b) `reads`: the reads with their texts and the paragraphs;
 * (c) `paragraphs`: the paragraphs alone.
 *
 *   node --expose-gc --import tsx scripts/validate-kept-heap.ts /tmp/years 500 stowed|reads|paragraphs
 *
 * Prints figures; never judged.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { paragraphsOf, type Read, readFile } from '@/lib/cli/validate-core'
import { StowedTexts } from '@/lib/cli/validate-shard'
import { type ComparedParagraph, gramsInSharedChunks } from '@/lib/narrative/similarity'

const dir = path.resolve(process.argv[2] ?? '/tmp/years')
const limit = Number(process.argv[3] ?? 500)
const keep = process.argv[4] ?? 'stowed'
const files = readFileSync(path.join(dir, 'files.txt'), 'utf8').trim().split(/\s+/).slice(0, limit)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with --expose-gc')
const used = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1e6
}

gramsInSharedChunks()
const start = used()
const kept: unknown[] = []
const stowed = new StowedTexts()
let paragraphs = 0
for (const f of files) {
  const read = readFile(f, dir)
  if ('error' in read) continue
  const list: ComparedParagraph[] = paragraphsOf(read as Read)
  paragraphs += list.length
  if (keep === 'stowed') stowed.stow(read as Read)
  kept.push(keep === 'paragraphs' ? list : [read, list])
}
console.log(
  `${keep}: ${files.length} files, ${paragraphs} paragraphs, heap used ${start.toFixed(1)} → ${used().toFixed(1)} MB`,
)
