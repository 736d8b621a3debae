import { hashRaw } from '@node-rs/argon2'

/** Argon2id parameters, stored with each key slot so they can be raised later. */
export interface KdfParams {
  algorithm: 'argon2id'
  memoryKiB: number
  iterations: number
  parallelism: number
}

/** The floor from DESIGN.md §4 (OWASP ASVS, KeePassXC): 64 MiB, three passes, one lane. */
export const minimumKdf: KdfParams = { algorithm: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1 }

// @node-rs/argon2 declares its algorithm as an ambient const enum; 2 is Argon2id.
const argon2id = 2

export async function deriveKey(secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return hashRaw(secret.normalize('NFC'), {
    algorithm: argon2id as never,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: 32,
    salt
  })
}

/**
 * Raises the pass count until one derivation takes at least `targetMs` on this machine
 * (DESIGN.md §4: 0.5–1 s), never going below the floor.
 */
export async function calibrateKdf(targetMs = 600, measure: (params: KdfParams) => Promise<number> = timeOnce): Promise<KdfParams> {
  const elapsed = await measure(minimumKdf)
  const iterations = Math.min(64, Math.max(minimumKdf.iterations, Math.ceil((minimumKdf.iterations * targetMs) / Math.max(1, elapsed))))
  return { ...minimumKdf, iterations }
}

async function timeOnce(params: KdfParams): Promise<number> {
  const started = performance.now()
  await deriveKey('calibration passphrase', Buffer.alloc(16, 7), params)
  return performance.now() - started
}
