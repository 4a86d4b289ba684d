/**
 * The App Router's files of one kind (route.ts, page.tsx), as paths from the repository root.
 * _folders are private in the App Router: never routes or pages, so they are not walked.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const REPO_ROOT = path.resolve(__dirname, '..')

export function appFiles(dir: string, name: RegExp): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry)
    if (statSync(full).isDirectory()) {
      if (!entry.startsWith('_')) out.push(...appFiles(full, name))
    } else if (name.test(entry)) out.push(path.relative(REPO_ROOT, full))
  }
  return out
}

/** Every API route file under app/api. */
export const routeFiles = () => appFiles(path.join(REPO_ROOT, 'app/api'), /^route\.(ts|tsx|js)$/)
