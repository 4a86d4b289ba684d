export declare const CLIENT_ADDRESS_HEADER: 'x-nianbao-client-ip'
export declare function normalizeAddress(value: unknown): string | null
export interface TrustedProxies {
  count: number
  invalid: string[]
  has(address: string): boolean
}
export declare function parseTrustedProxies(list: string | undefined | null): TrustedProxies
export declare function clientAddress(
  peer: string | undefined | null,
  forwardedFor: string | undefined | null,
  trusted: TrustedProxies,
): string | null
