import { toNextJsHandler } from 'better-auth/next-js'
import { auth } from '@/lib/auth/auth'

/** better-auth: /api/auth/sign-in/email, /sign-out, /change-password, /get-session … */
export const { GET, POST } = toNextJsHandler(auth)
