import { randomBytes } from 'node:crypto'

// Crockford's base32: no I, L, O or U, so the code survives being read aloud or written down.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A 160-bit code in eight groups of four, e.g. `7K2M-…`, shown once at setup. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20)
  let bits = ''
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0')
  const characters = bits.match(/.{5}/g)?.map((chunk) => alphabet[parseInt(chunk, 2)] ?? '') ?? []
  return (characters.join('').match(/.{4}/g) ?? []).join('-')
}

/** Accepts the code however it was typed: any case, spaces or hyphens, O for 0, I or L for 1. */
export function normaliseRecoveryCode(typed: string): string {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  return (cleaned.match(/.{1,4}/g) ?? []).join('-')
}
