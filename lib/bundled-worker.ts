/**
 * Where a worker bundle of scripts/build-cli.ts is: beside the bundle that asks (or one folder
 * up), in dist/cli of the checkout this module was built from, or in dist/cli of the working
 * directory. Shared by the import of published documents and `validate` on worker threads.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The path of dist/cli/`fileName` that exists, or null when none was built. */
export function bundledWorkerPath(fileName: string): string | null {
  const candidates: string[] = []
  try {
    const here = path.dirname(fileURLToPath(import.meta.url))
    candidates.push(path.join(here, fileName), path.join(here, '..', fileName))
    candidates.push(path.join(here, '..', '..', 'dist', 'cli', fileName))
  } catch {
    // import.meta.url is not a file: URL inside some bundles; the working directory's dist/ is next.
  }
  candidates.push(path.join(process.cwd(), 'dist', 'cli', fileName))
  return candidates.find((c) => existsSync(c)) ?? null
}
