import type { IncomingMessage, ServerResponse } from 'node:http'

/** (req, res) => a promise when it answers the request itself, else null (Next's turn). */
export declare function directRoutes(options: {
  dir: string
  hostname: string
  port: number
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> | null
