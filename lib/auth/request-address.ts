/** The client address of the current request, as scripts/server.mjs resolved it (null under `next dev`). */
import 'server-only'
import { headers } from 'next/headers'
import { CLIENT_ADDRESS_HEADER } from '@/scripts/client-address.mjs'
import { requestScope } from './request-scope'

export async function requestAddress(): Promise<string | null> {
  return (requestScope()?.headers ?? (await headers())).get(CLIENT_ADDRESS_HEADER)
}
