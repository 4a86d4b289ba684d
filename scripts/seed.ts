/**
 * Demo data: the agency tree, one account per role, and the fixture reports (fixtures/ in the
 * repo, plus ../shared/fixtures when that folder sits beside the clone). Idempotent: existing
 * agencies, accounts and reports (same agency and year) are left as they are.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { MemberRole } from '@/lib/auth/permissions'
import { ROLE_NAMES } from '@/lib/auth/permissions'
import type { AgencyContactInput } from '@/lib/requests/agency-contact'
import { createUser, ensureAgency, findUserByEmail, loadActor } from '@/lib/services/accounts'
import { getAgencyContact, saveAgencyContact } from '@/lib/services/agency-contact'
import { importReport } from '@/lib/services/report-import'
import { ServiceError } from '@/lib/services/errors'
import { backfillPublishedFiles, latestOwnReport } from '@/lib/services/published-files'
import { transition } from '@/lib/services/transitions'
import { backfillVersionCells } from '@/lib/services/version-cells'
import { chinaToday } from '@/lib/workflow/deadlines'

process.env.DATABASE_URL ??= 'file:./prisma/dev.db'

const root = path.resolve(__dirname, '..')
const folders = [path.join(root, 'fixtures'), path.resolve(root, '..', 'shared', 'fixtures')]

/** Demo passwords: for a local demo only, printed by `npm run setup`. */
const DEMO_PASSWORD = 'nianbao-demo-2026'

const ZHANGDIAN = '张店区人民政府'
const ZD_OFFICE = '张店区人民政府办公室'
const ZD_JGSW = '淄博市张店区机关事务服务中心'
const ZICHUAN = '淄川区人民政府'

const ACCOUNTS: { email: string; name: string; isAdmin?: boolean; role?: MemberRole; agency?: string }[] = [
  { email: 'admin@nianbao.demo', name: '系统管理员', isAdmin: true },
  { email: 'coordinator@zhangdian.demo', name: '张店区政务公开办', role: 'coordinator', agency: ZHANGDIAN },
  { email: 'officer@zhangdian.demo', name: '王填报', role: 'officer', agency: ZD_OFFICE },
  { email: 'reviewer@zhangdian.demo', name: '李审核', role: 'reviewer', agency: ZD_OFFICE },
  { email: 'officer-gov@zhangdian.demo', name: '赵填报', role: 'officer', agency: ZHANGDIAN },
  { email: 'officer-jgsw@zhangdian.demo', name: '孙填报', role: 'officer', agency: ZD_JGSW },
  { email: 'officer@zichuan.demo', name: '周填报', role: 'officer', agency: ZICHUAN },
  { email: 'coordinator@zichuan.demo', name: '淄川区政务公开办', role: 'coordinator', agency: ZICHUAN },
]

async function agencies(): Promise<Map<string, string>> {
  const zhangdian = await ensureAgency({
    code: 'zhangdian',
    name: ZHANGDIAN,
    type: 'government',
    level: 'county',
    parentId: null,
  })
  const office = await ensureAgency({
    code: 'zhangdian-office',
    name: ZD_OFFICE,
    type: 'department',
    level: 'county',
    parentId: zhangdian.id,
  })
  const jgsw = await ensureAgency({
    code: 'zhangdian-jgsw',
    name: ZD_JGSW,
    type: 'department',
    level: 'county',
    parentId: zhangdian.id,
  })
  const zichuan = await ensureAgency({
    code: 'zichuan',
    name: ZICHUAN,
    type: 'government',
    level: 'county',
    parentId: null,
  })
  // Contact details as the seeds' opening paragraphs print them; an agency's own are kept.
  const contacts: [string, AgencyContactInput][] = [
    [
      zhangdian.id,
      {
        portalUrl: 'www.zhangdian.gov.cn',
        address: '山东省淄博市张店区新村西路226号区政务中心',
        postcode: '255020',
        telephone: '0533-2869836',
      },
    ],
    [
      office.id,
      {
        portalUrl: 'www.zhangdian.gov.cn',
        address: '淄博市张店区新村西路226号政务中心',
        postcode: '255020',
        telephone: '0533-2869836',
      },
    ],
    [
      jgsw.id,
      {
        address: '山东省淄博市张店区新村西路226号',
        postcode: '255020',
        telephone: '0533-2869928',
        email: 'zdjgsw@163.com',
      },
    ],
    [
      zichuan.id,
      {
        portalUrl: 'http://www.zichuan.gov.cn/',
        address: '淄博市淄川区般阳路35号',
        telephone: '0533-5181064',
        email: 'zcgov@zb.shandong.cn',
      },
    ],
  ]
  for (const [id, contact] of contacts) {
    const current = await getAgencyContact(id)
    if (Object.values(current.contact).every((v) => v === null)) await saveAgencyContact(id, contact)
  }
  return new Map([zhangdian, office, jgsw, zichuan].map((a) => [a.name, a.id]))
}

async function reports() {
  const files = new Map<string, string>()
  for (const folder of folders) {
    if (!existsSync(folder)) continue
    for (const name of readdirSync(folder).sort()) {
      if (name.endsWith('.json') && !files.has(name)) files.set(name, path.join(folder, name))
    }
  }
  let created = 0
  let skipped = 0
  for (const [name, file] of files) {
    try {
      const { report, notices } = await importReport(readFileSync(file, 'utf8'))
      created++
      console.log(`seed: ${name} → ${report.report.agency.name} ${report.report.year}`)
      for (const notice of notices) console.log(`      ${notice}`)
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'duplicate') {
        skipped++
        continue
      }
      console.error(`seed: ${name}: ${e instanceof Error ? e.message : e}`)
      process.exitCode = 1
    }
  }
  console.log(`seed: ${created} reports imported, ${skipped} already present`)
}

async function accounts(ids: Map<string, string>) {
  const rows: string[] = []
  let kept = 0
  for (const a of ACCOUNTS) {
    const exists = await findUserByEmail(a.email)
    if (exists) kept++
    else {
      await createUser({
        email: a.email,
        name: a.name,
        password: DEMO_PASSWORD,
        isAdmin: a.isAdmin ?? false,
        memberships: a.role && a.agency ? [{ agencyId: ids.get(a.agency) as string, role: a.role }] : [],
      })
    }
    const role = a.isAdmin ? ROLE_NAMES.admin : `${ROLE_NAMES[a.role as MemberRole]} · ${a.agency}`
    rows.push(`  ${a.email.padEnd(30)} ${DEMO_PASSWORD.padEnd(19)} ${role}`)
  }
  console.log('\n演示账号（登录 http://localhost:3000/sign-in）：')
  console.log(`  ${'账号'.padEnd(28)} ${'密码'.padEnd(17)} 角色`)
  for (const row of rows) console.log(row)
  if (kept) console.log(`  （${kept}个账号此前已建立，未重置密码；在本机修改过的密码仍然有效）`)
  console.log('')
}

/**
 * One published demo report, so a new user sees the public column (http://localhost:3000/gk/zhangdian):
 * the office's report goes through 提交 → 审核通过 → 发布 by the demo accounts, as in the app.
 * Then every published version without its frozen files gets them (decision 0301).
 */
async function publishDemo(ids: Map<string, string>) {
  const report = await latestOwnReport(ids.get(ZD_OFFICE) as string)
  const actor = async (email: string) => {
    const user = await findUserByEmail(email)
    return user ? loadActor(user.id) : null
  }
  const [officer, reviewer, coordinator] = await Promise.all(
    ['officer@zhangdian.demo', 'reviewer@zhangdian.demo', 'coordinator@zhangdian.demo'].map(actor),
  )
  if (report && officer && reviewer && coordinator && report.status !== 'published') {
    const steps: [string, typeof officer][] = [
      ['submit', officer],
      ['approve', reviewer],
      ['publish', coordinator],
    ]
    const from = { draft: 0, complete: 0, returned: 0, submitted: 1, approved: 2 }[report.status] ?? 3
    try {
      // 发布 carries the 保密审查 record (decision 0310), dated the day of approval (today).
      const secrecy = {
        reviewer: '张保密',
        reviewedOn: chinaToday(),
        conclusion: '经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私。',
      }
      for (const [id, who] of steps.slice(from)) {
        await transition(report.id, id, who, {
          baseVersion: report.version,
          secrecy: id === 'publish' ? secrecy : undefined,
        })
      }
      console.log(
        `seed: ${ZD_OFFICE} ${report.year} published: http://localhost:3000/gk/zhangdian/${report.year}/zhangdian-office`,
      )
    } catch (e) {
      console.error(`seed: publishing the demo report: ${e instanceof Error ? e.message : e}`)
    }
  }
  const filled = await backfillPublishedFiles()
  if (filled) console.log(`seed: froze the files of ${filled} published versions`)
}

async function main() {
  const ids = await agencies()
  await reports()
  await accounts(ids)
  await publishDemo(ids)
  // Versions approved before the roll-up stored their cells (decision 0550).
  const cells = await backfillVersionCells()
  if (cells) console.log(`seed: stored the table cells of ${cells} approved versions for the roll-up`)
}

main()
