/**
 * Vitest global setup: the command-line tests spawn bin/nianbao.js, which runs the compiled
 * bundle, so the bundle is built first when missing or older than its sources (a fresh clone
 * without npm install, or an edit since the last build).
 */
import { ensureCliBuild } from '@/scripts/build-cli'

export async function setup(): Promise<void> {
  await ensureCliBuild()
}
