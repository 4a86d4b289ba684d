/**
 * The password rules (issue 11, finding 6), for users changing their own and for administrators
 * setting one: at least MIN_PASSWORD characters, not blank, not containing the account name, and
 * not common or easily guessed. "Common" is zxcvbn-ts with its maintained common-password,
 * name and word lists and keyboard patterns: a guess-count estimate, so that `password1234`,
 * `123456789012` and `qwertyuiopas` are refused although they are long enough.
 */
import 'server-only'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { MAX_PASSWORD, MIN_PASSWORD } from '@/lib/requests/accounts'

/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" online and offline-slow. */
export const MIN_SCORE = 3

/**
 * The estimator, made at the first password checked. Its dictionaries (@zxcvbn-ts/language-common,
 * ≈ 870 KB of JavaScript) are imported then, not with this module: the auth module is in every
 * route's server bundle, and a static import put the dictionary chunk into each route group's
 * bundle, loaded by every worker on every route (decision 0991). A failed import is tried again
 * at the next check.
 */
let estimator: Promise<ZxcvbnFactory> | null = null
const zxcvbn = (): Promise<ZxcvbnFactory> => {
  estimator ??= import('@zxcvbn-ts/language-common').then(
    (common) => new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
    (error: unknown) => {
      estimator = null
      throw error
    },
  )
  return estimator
}

export interface PasswordOwner {
  email: string
  name?: string | null
}

/** The parts of an account name a password must not contain: the e-mail, its local part, the name. */
function accountWords(owner: PasswordOwner): string[] {
  const email = owner.email.trim().toLowerCase()
  const local = email.split('@')[0] ?? ''
  const name = (owner.name ?? '').trim().toLowerCase()
  // Very short parts (a 2-letter local part) would refuse too much for no gain; a Chinese name of
  // two characters is a whole name.
  const words = [email, local].filter((w) => w.length >= 3)
  if ([...name].length >= 3 || (/\p{Script=Han}/u.test(name) && [...name].length >= 2)) words.push(name)
  return [...new Set(words)]
}

/** The Chinese reason the password is refused, or null when it is acceptable. */
export async function passwordProblem(password: string, owner: PasswordOwner): Promise<string | null> {
  if (password.trim() === '') return '密码不能为空或只由空格组成'
  if ([...password].length < MIN_PASSWORD) return `密码至少需要${MIN_PASSWORD}个字符`
  if ([...password].length > MAX_PASSWORD) return `密码不超过${MAX_PASSWORD}个字符`
  const lower = password.toLowerCase()
  if (accountWords(owner).some((w) => lower.includes(w))) return '密码不能包含账号名或姓名'
  const { score } = (await zxcvbn()).check(password, accountWords(owner))
  if (score < MIN_SCORE) return '密码过于常见或容易猜到（例如常用密码、连续数字或键盘顺序），请换一个更长、不常见的密码'
  return null
}
