/**
 * What bin/nianbao.js must know of `validate` on threads before the bundle loads, to start the
 * first worker early (decision 0731), in small JSON files both read (decision 0770): the files per
 * thread and the worker's young generation (./validate-plan.json), and the extensions of published
 * documents, which validate reads on one thread (lib/import/document-extensions.json, the list
 * `nianbao import` reads too).
 */
import documentExtensions from '@/lib/import/document-extensions.json'
import plan from './validate-plan.json'

/**
 * Files per thread below which another thread does not pay for its start (loading the bundle,
 * passing paragraphs between threads): measured in decision 0530.
 */
export const FILES_PER_THREAD: number = plan.filesPerThread

/**
 * A worker's young generation (`resourceLimits.maxYoungGenerationSizeMb`): three semi-spaces'
 * worth in V8's sizing, so 4 MB semi-spaces. 96 MB (decision 0531) touched 8,000 more pages per
 * call for no less CPU once the files' parts died young (decision 0771); on a quiet machine 12 MB
 * touched ~7,000 fewer pages than 48 and took less wall time in each of six pairs (decision 1021).
 */
export const YOUNG_MB: number = plan.workerYoungGenerationMb

/** `\.(?:html|htm|…)$`, any case. */
const DOCUMENT = new RegExp(`\\.(?:${documentExtensions.map((e) => e.slice(1)).join('|')})$`, 'i')

/** Files validate reads as published documents rather than as report JSON. */
export const isDocumentFile = (file: string) => DOCUMENT.test(file)
