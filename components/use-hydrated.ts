'use client'
import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False in the server's HTML and until React has hydrated the page, true after. A form's submit
 * button stays disabled until then: pressed earlier, the browser would submit the form itself
 * (a GET that puts a password into the address bar and the server's logs).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
