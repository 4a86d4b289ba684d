/**
 * npm run remind: the automatic reminders of every government (decision 0270), for a scheduler
 * (cron, systemd timer) once a day. Writes each due reminder once, whoever runs it and however
 * often; opening a board runs the same for its government. Prints `reminders-written N`.
 */
import 'dotenv/config'
import { prisma } from '@/lib/db'
import { runAllDueReminders } from '@/lib/services/notices'

runAllDueReminders()
  .then((n) => console.log(`reminders-written ${n}`))
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
