/**
 * Keystroke to painted findings in table 三, in Debian's Chromium against the built app
 * (`npm run build` first). Each sample is measured in the page: from the keydown event's
 * timestamp to the first task after the next animation frame, i.e. after React has rendered the
 * cell, the derived totals and the findings, and the frame has been painted.
 *
 * Three passes over the same typing, so that no instrument is inside the keystrokes it measures
 * (decision 0440):
 * 1. latencies: the page as users get it, no DevTools hook, no tracing, no profiler;
 * 2. `keystroke-main-thread-cpu`: the renderer's CPU time per keystroke (the thread time of its
 *    tasks in a Chrome trace: React, the rules, style, layout, paint), which unlike wall-clock
 *    latency hardly depends on what else the machine is doing;
 * 3. render counts: the page reloaded with a minimal `__REACT_DEVTOOLS_GLOBAL_HOOK__` installed
 *    before its scripts (page.addInitScript), so production react-dom injects itself and calls
 *    `onCommitFiberRoot` on every commit. Each commit is walked as React DevTools' profiler does:
 *    a subtree whose children are the previous commit's own fibers was skipped; a component fiber
 *    (function, class, forwardRef, simple memo) counts as rendered when it carries React's
 *    PerformedWork flag or was just mounted. The walk is synchronous in the commit, which is why
 *    it has a pass of its own. Printed per keystroke: `keystroke-react-commits` and
 *    `keystroke-components-rendered`.
 * Also printed: `keystroke-bare-input-median`, the same latency measured on a bare `<input>` in
 * an empty page of the same browser (the wait for the next frame, which no page removes: each ms
 * of work in a key's task adds to it, decision 1023), `keystroke-over-bare-input-median`, the
 * editor's own share (the first median less the bare one), and `keystroke-load-average`, the
 * machine's 1-minute load average when the latencies were taken.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, chromium, type Page } from '@playwright/test'

const ROOT = path.resolve(__dirname, '..')
const PORT = Number(process.env.BENCH_PORT ?? 3210)
const DB_FILE = path.join(ROOT, 'prisma', 'bench.db')
const SAMPLES = 120
/** A demo account of scripts/seed.ts (README: demo accounts). */
const OFFICER = { email: 'officer-gov@zhangdian.demo', password: 'nianbao-demo-2026' }
/** The build to measure: `.next`, or NEXT_DIST_DIR as next.config.js reads it. */
const DIST_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next')

/**
 * Runs in the page before React loads: counts commits and the components each one rendered.
 * Fiber tags (0 function, 1 class, 11 forwardRef, 15 simple memo) and the PerformedWork flag (1)
 * are React's (ReactWorkTags, ReactFiberFlags). Plain JavaScript in a string: tsx would add its
 * own helpers to a compiled function, which do not exist in the page.
 */
const RENDER_COUNTER = `(() => {
  const COMPONENT_TAGS = new Set([0, 1, 11, 15])
  const PERFORMED_WORK = 1
  const counts = { commits: 0, components: 0 }
  const rendered = (fiber) => {
    let n = 0
    const stack = [fiber]
    while (stack.length) {
      const f = stack.pop()
      if (COMPONENT_TAGS.has(f.tag) && (f.alternate === null || (f.flags & PERFORMED_WORK) === PERFORMED_WORK)) {
        n++
        // Which components (scripts/profile-keystroke.ts): the start of the function's source.
        if (window.__renderedTypes) {
          const t = f.type && (f.type.type || f.type.render || f.type)
          const k = String(typeof t === 'function' ? t : f.tag).slice(0, 90)
          window.__renderedTypes[k] = (window.__renderedTypes[k] || 0) + 1
        }
      }
      // Children shared with the previous commit were not visited by this render.
      if (f.child && (f.alternate === null || f.child !== f.alternate.child)) {
        for (let c = f.child; c; c = c.sibling) stack.push(c)
      }
    }
    return n
  }
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id, root) => {
      counts.commits++
      counts.components += rendered(root.current)
    },
  }
  window.__renders = counts
})()`

async function waitForServer(url: string, child: ChildProcess) {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error('next start exited')
    try {
      const res = await fetch(url)
      if (res.status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error('server did not start')
}

type RenderCounts = { commits: number; components: number }

const TRACED_KEYSTROKES = 40

/**
 * The renderer's main-thread CPU time per keystroke (React, the rules, style, layout, paint: the
 * thread time of its tasks in a Chrome trace), which unlike wall-clock latency hardly depends on
 * what else the machine is doing. Measured in a separate pass, after the latencies, so that
 * tracing does not slow those down.
 */
async function mainThreadCpuPerKeystroke(browser: Browser, page: Page): Promise<number> {
  await focusTypedCell(page)
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
  await typeKeys(page, TRACED_KEYSTROKES)
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[]
  }
  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) throw new Error('no renderer main thread in the trace')
  const micros = trace.traceEvents
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid)
    .reduce((sum, e) => sum + (e.tdur ?? 0), 0)
  return micros / 1000 / TRACED_KEYSTROKES
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/**
 * The built app on a throw-away seeded database, Chromium signed in as the demo officer, and the
 * editor open on table 三 of 张店区人民政府's 2021 report (shared with scripts/profile-keystroke.ts).
 * `close()` stops the browser and the server and removes the database.
 */
export async function openEditorOnTable3({ renderCounter = false }: { renderCounter?: boolean } = {}): Promise<{
  browser: Browser
  page: Page
  close: () => Promise<void>
}> {
  if (!fs.existsSync(path.join(DIST_DIR, 'BUILD_ID'))) {
    throw new Error('prerequisite missing: no built app (run `npm run build` first)')
  }
  if (!fs.existsSync('/usr/bin/chromium')) throw new Error('prerequisite missing: /usr/bin/chromium')
  // With the journal files of an interrupted run too: a fresh file beside a stale -shm fails the seed
  // (SQLITE_IOERR_SHORT_READ).
  for (const file of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(file, { force: true })
  // The demo data (agencies, accounts, the fixture reports) on a throw-away SQLite file; the
  // server runs in demo mode (plain http, development secret) like the e2e server.
  const env = {
    ...process.env,
    DATABASE_URL: `file:${DB_FILE}`,
    DB_PROVIDER: 'sqlite',
    NEXT_TELEMETRY_DISABLED: '1',
    NIANBAO_DEMO: '1',
  }
  // A server left on the port (a run killed before its close(), e.g. by `| head`) would answer in
  // place of this build's, and be measured (decision 0760).
  const taken = await fetch(`http://127.0.0.1:${PORT}`).then(
    () => true,
    () => false,
  )
  if (taken) throw new Error(`port ${PORT} is in use (a server left by an earlier run?): set BENCH_PORT or stop it`)
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: ROOT, env, stdio: 'ignore' })
  execFileSync('npx', ['tsx', '--conditions=react-server', 'scripts/seed.ts'], { cwd: ROOT, env, stdio: 'ignore' })
  const server = spawn(process.execPath, ['scripts/server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
    detached: true,
  })
  const base = `http://127.0.0.1:${PORT}`
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
  const close = async () => {
    await browser.close()
    if (server.pid) process.kill(-server.pid, 'SIGTERM')
    for (const file of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(file, { force: true })
  }
  try {
    await waitForServer(base, server)
    // Sign in as the demo officer of 张店区人民政府, whose 2021 report the seed imported.
    const context = await browser.newContext({ baseURL: base })
    const signIn = await context.request.post('/api/auth/sign-in/email', {
      data: { email: OFFICER.email, password: OFFICER.password },
      headers: { origin: base },
    })
    if (!signIn.ok()) throw new Error(`sign-in failed (${signIn.status()})`)
    const list = (await (await context.request.get('/api/reports')).json()) as {
      reports: { id: string; year: number }[]
    }
    const id = list.reports.find((r) => r.year === 2021)?.id
    if (!id) throw new Error('the seeded 2021 report of 张店区人民政府 is missing')
    const page = await context.newPage()
    if (renderCounter) await page.addInitScript({ content: RENDER_COUNTER })
    await page.goto(`${base}/reports/${id}?section=applications`)
    await page.locator('[data-path="applications.granted.natural"]').waitFor()
    return { browser, page, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Loads the editor again with the render-counting hook (RENDER_COUNTER) installed before React. */
export async function reloadWithRenderCounter(page: Page) {
  await page.addInitScript({ content: RENDER_COUNTER })
  await page.reload()
  await page.locator('[data-path="applications.granted.natural"]').waitFor()
}

/** The cells typed in: a wrong digit (a finding appears) and Backspace (it clears), alternately. */
const TYPED_CELLS = ['applications.granted.natural', 'applications.deniedStateSecret.commercial']

/**
 * `keys` keys in the focused cell as the bench types them: a wrong digit "7" (a finding appears),
 * then Backspace (it clears), alternately, `gap` ms apart. Shared by the keystroke scripts.
 */
export async function typeKeys(page: Page, keys: number, gap = 30) {
  for (let i = 0; i < keys / 2; i++) {
    await page.keyboard.press('7')
    await page.waitForTimeout(gap)
    await page.keyboard.press('Backspace')
    await page.waitForTimeout(gap)
  }
}

/** Focuses a cell (table 三's first entered cell unless told) at the end of its text, as the bench does. */
export async function focusTypedCell(page: Page, selector = `[data-path="${TYPED_CELLS[0]}"]`) {
  await page.locator(selector).click()
  await page.keyboard.press('End')
  await page.waitForTimeout(100)
}

/** The bench's typing: `keys` keystrokes in each of the typed cells. */
export async function typeInCells(page: Page, keys: number, cells: readonly string[] = TYPED_CELLS) {
  for (const cellPath of cells) {
    await focusTypedCell(page, `[data-path="${cellPath}"]`)
    await typeKeys(page, keys)
  }
}

/** From each keydown to the first task after the next animation frame, in the page. */
export const LATENCY_PROBE = `(() => {
  window.__latencies = []
  document.addEventListener('keydown', (e) => {
    const start = e.timeStamp
    requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - start), 0))
  }, true)
})()`

const readLatencies = async (page: Page) => {
  await page.waitForTimeout(200)
  return (await page.evaluate('window.__latencies')) as number[]
}

/** The same measurement on a bare input in an empty page: the frame's own wait, no app. */
async function bareInputLatencies(browser: Browser): Promise<number[]> {
  const page = await browser.newPage()
  try {
    await page.setContent('<input id="bare" style="width: 80px">')
    await page.evaluate(LATENCY_PROBE)
    await page.locator('#bare').click()
    for (let i = 0; i < SAMPLES / 2; i++) {
      await page.keyboard.press('7')
      await page.waitForTimeout(30)
      await page.keyboard.press('Backspace')
      await page.waitForTimeout(30)
    }
    return await readLatencies(page)
  } finally {
    await page.close()
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]

export async function keystrokeBench(): Promise<{ name: string; value: number; unit: string }[]> {
  const { browser, page, close } = await openEditorOnTable3()
  try {
    // 1. Latencies: nothing but the probe in the page.
    await page.evaluate(LATENCY_PROBE)
    const load = os.loadavg()[0]
    await typeInCells(page, SAMPLES / TYPED_CELLS.length)
    const latencies = await readLatencies(page)
    const loadAfter = os.loadavg()[0]
    const bare = await bareInputLatencies(browser)
    // 2. CPU per keystroke from a trace (same page, still without the hook).
    const cpu = await mainThreadCpuPerKeystroke(browser, page)
    // 3. Render counts: the hook goes in before React loads, so the page is loaded again. The
    // latencies with the hook are printed too: what the counting costs inside a keystroke.
    await reloadWithRenderCounter(page)
    await page.evaluate(LATENCY_PROBE)
    const readRenders = () => page.evaluate(() => ({ ...(window as unknown as { __renders: RenderCounts }).__renders }))
    const keys = SAMPLES / TYPED_CELLS.length
    let commits = 0
    let components = 0
    for (const cellPath of TYPED_CELLS) {
      await focusTypedCell(page, `[data-path="${cellPath}"]`)
      const before = await readRenders()
      await typeKeys(page, keys)
      const after = await readRenders()
      commits += after.commits - before.commits
      components += after.components - before.components
    }
    const keystrokes = keys * TYPED_CELLS.length
    const withHook = await readLatencies(page)
    return [
      { name: 'keystroke-to-findings-table3-median', value: Number(median(latencies).toFixed(2)), unit: 'ms' },
      { name: 'keystroke-to-findings-table3-p95', value: Number(p95(latencies).toFixed(2)), unit: 'ms' },
      {
        name: 'keystroke-to-findings-with-render-hook-median',
        value: Number(median(withHook).toFixed(2)),
        unit: 'ms',
      },
      { name: 'keystroke-bare-input-median', value: Number(median(bare).toFixed(2)), unit: 'ms' },
      {
        name: 'keystroke-over-bare-input-median',
        value: Number((median(latencies) - median(bare)).toFixed(2)),
        unit: 'ms',
      },
      { name: 'keystroke-main-thread-cpu', value: Number(cpu.toFixed(2)), unit: 'ms' },
      {
        name: 'keystroke-react-commits',
        value: Number((commits / keystrokes).toFixed(2)),
        unit: 'commits/keystroke',
      },
      {
        name: 'keystroke-components-rendered',
        value: Number((components / keystrokes).toFixed(2)),
        unit: 'components/keystroke',
      },
      { name: 'keystroke-load-average', value: Number(((load + loadAfter) / 2).toFixed(2)), unit: '(1 min, 2 cores)' },
    ]
  } finally {
    await close()
  }
}

export const run = keystrokeBench
