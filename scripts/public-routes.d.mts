import type { IncomingMessage, ServerResponse } from 'node:http'

export interface PublicRoute {
  /** The route folder under app ('gk/[gov]/[year]'). */
  route: string
  params: Record<string, string | string[]>
}

/** '/gk/a/b?x' → ['a', 'b']; null for a path Next should see itself. */
export declare function publicSegments(url: string): string[] | null

/** The route under app/gk that Next would choose for these segments, with its params. */
export declare function publicRouteOf(segments: readonly string[]): PublicRoute

/** (req, res) => a promise when it answers a GET or HEAD under /gk, else null (Next's turn). */
export declare function publicRoutes(options: {
  dir: string
  hostname: string
  port: number
  /** Next's handler, for an address whose route module this build lacks. */
  fallback: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>
}): (req: IncomingMessage, res: ServerResponse) => Promise<unknown> | null
