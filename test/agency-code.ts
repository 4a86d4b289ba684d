/** A fresh agency code for a test (codes are unique and never reused). */
export const testAgencyCode = (prefix = 'test') =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
