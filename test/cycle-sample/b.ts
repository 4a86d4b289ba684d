/** The other half of the deliberate cycle. */
import type { A } from './a'

export interface B {
  a?: A
}
