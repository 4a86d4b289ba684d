/** Half of a deliberate import cycle, for test/import-cycles.test.ts. */
import type { B } from './b'

export interface A {
  b?: B
}
