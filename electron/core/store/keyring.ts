import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'
import { auditHeadSchema } from './audit-head'
import { deriveKey, type KdfParams } from './kdf'

/**
 * The key ring beside the database: one slot per user (and one recovery slot), each holding
 * the database key (DEK) wrapped with AES-256-GCM under a key derived from that user's
 * passphrase with Argon2id. Changing a passphrase rewraps one slot; the database is untouched.
 */
const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  kdf: z.object({
    algorithm: z.literal('argon2id'),
    memoryKiB: z.number().int().min(1),
    iterations: z.number().int().min(1),
    parallelism: z.number().int().min(1),
    salt: z.string()
  }),
  wrap: z.object({ algorithm: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string(), key: z.string() }),
  createdAt: z.string()
})

const keyringSchema = z.object({
  format: z.literal('harbour-keyring'),
  version: z.literal(1),
  storeId: z.string(),
  slots: z.array(slotSchema),
  /** The audit chain's head when a session last closed (or, beside a backup, the backup's). */
  auditHead: auditHeadSchema.optional()
})

export type KeySlot = z.infer<typeof slotSchema>
export type Keyring = z.infer<typeof keyringSchema>

/**
 * The key-derivation settings Harbour will run for a slot. They hold everything setup
 * calibrates (64 MiB, 3 to 64 passes, one lane; kdf.ts) with room to raise memory later,
 * and they cap the work an altered key file can ask for: a slot asking for 2^31 KiB once
 * hung sign-in. Memory times passes is capped too, at the most calibration ever produces.
 */
export const kdfLimits = {
  memoryKiB: { min: 65_536, max: 1_048_576 },
  iterations: { min: 3, max: 64 },
  parallelism: { min: 1, max: 4 },
  work: 65_536 * 64
} as const

/** Exact sizes of a slot's binary parts: a GCM tag cut short would still verify against fewer bits. */
const sizes = { salt: 16, iv: 12, tag: 16, key: 32 } as const

const within = (value: number, range: { min: number; max: number }) => value >= range.min && value <= range.max

export function kdfWithinLimits(kdf: Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>): boolean {
  return (
    within(kdf.memoryKiB, kdfLimits.memoryKiB) &&
    within(kdf.iterations, kdfLimits.iterations) &&
    within(kdf.parallelism, kdfLimits.parallelism) &&
    kdf.memoryKiB * kdf.iterations <= kdfLimits.work
  )
}

/** Why Harbour will not try this slot, or null when it is well formed. Checked before any derivation. */
export function slotDefect(slot: KeySlot): string | null {
  const { kdf, wrap } = slot
  if (!kdfWithinLimits(kdf)) return 'key derivation settings out of range'
  const lengths = { salt: kdf.salt, iv: wrap.iv, tag: wrap.tag, key: wrap.key }
  for (const [part, text] of Object.entries(lengths) as [keyof typeof sizes, string][]) {
    if (Buffer.from(text, 'base64').length !== sizes[part]) return `${part} has the wrong length`
  }
  return null
}

/** A slot whose settings are outside what Harbour accepts: refused without deriving a key. */
export class SlotRefusedError extends Error {
  constructor(readonly slotKind: KeySlot['kind']) {
    super('This key slot has settings Harbour does not accept.')
    this.name = 'SlotRefusedError'
  }
}

export class KeyringError extends Error {
  constructor(readonly kind: 'missing' | 'damaged') {
    super(kind === 'missing' ? 'The key file is missing.' : 'The key file is damaged.')
    this.name = 'KeyringError'
  }
}

export function newKeyring(): Keyring {
  return { format: 'harbour-keyring', version: 1, storeId: randomUUID(), slots: [] }
}

export function readKeyring(path: string): Keyring {
  if (!existsSync(path)) throw new KeyringError('missing')
  try {
    return keyringSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    throw new KeyringError('damaged')
  }
}

/** A ring as written to disk; only a ring that passes the schema is ever written. */
export function keyringText(keyring: Keyring): string {
  return `${JSON.stringify(keyringSchema.parse(keyring), null, 2)}\n`
}

export function writeKeyring(path: string, keyring: Keyring): void {
  writeFileAtomic(path, keyringText(keyring))
}

/** Binds a wrapped key to its store, slot and user, so slots cannot be swapped around. */
function additionalData(storeId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'userId'>): Buffer {
  return Buffer.from(`harbour-slot|${storeId}|${slot.id}|${slot.kind}|${slot.userId ?? ''}`)
}

export async function createSlot(
  keyring: Keyring,
  dek: Buffer,
  secret: string,
  owner: { kind: 'user'; userId: string; username: string } | { kind: 'recovery' },
  kdf: KdfParams,
  now: Date
): Promise<KeySlot> {
  const salt = randomBytes(sizes.salt)
  const base = {
    id: randomUUID(),
    kind: owner.kind,
    userId: owner.kind === 'user' ? owner.userId : null,
    username: owner.kind === 'user' ? owner.username.toLowerCase() : null
  }
  // Never write a slot that Harbour would then refuse to open.
  if (!kdfWithinLimits(kdf)) throw new Error('Key derivation settings are outside the accepted range.')
  const kek = await deriveKey(secret, salt, kdf)
  try {
    const iv = randomBytes(sizes.iv)
    const cipher = createCipheriv('aes-256-gcm', kek, iv)
    cipher.setAAD(additionalData(keyring.storeId, base))
    const wrapped = Buffer.concat([cipher.update(dek), cipher.final()])
    return {
      ...base,
      kdf: {
        algorithm: 'argon2id',
        memoryKiB: kdf.memoryKiB,
        iterations: kdf.iterations,
        parallelism: kdf.parallelism,
        salt: salt.toString('base64')
      },
      wrap: {
        algorithm: 'aes-256-gcm',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        key: wrapped.toString('base64')
      },
      createdAt: now.toISOString()
    }
  } finally {
    kek.fill(0)
  }
}

/**
 * The DEK, or null when the secret is wrong (GCM authentication fails). A slot with settings
 * outside Harbour's limits is refused before any key derivation runs.
 */
export async function openSlot(keyring: Keyring, slot: KeySlot, secret: string): Promise<Buffer | null> {
  if (slotDefect(slot)) throw new SlotRefusedError(slot.kind)
  const kek = await deriveKey(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf)
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.wrap.iv, 'base64'), { authTagLength: sizes.tag })
    decipher.setAAD(additionalData(keyring.storeId, slot))
    decipher.setAuthTag(Buffer.from(slot.wrap.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(slot.wrap.key, 'base64')), decipher.final()])
  } catch {
    return null
  } finally {
    kek.fill(0)
  }
}

export function userSlot(keyring: Keyring, username: string): KeySlot | undefined {
  const wanted = username.trim().toLowerCase()
  return keyring.slots.find((slot) => slot.kind === 'user' && slot.username === wanted)
}

export function recoverySlot(keyring: Keyring): KeySlot | undefined {
  return keyring.slots.find((slot) => slot.kind === 'recovery')
}

export function withoutUserSlots(keyring: Keyring, userId: string): Keyring {
  return { ...keyring, slots: keyring.slots.filter((slot) => slot.userId !== userId) }
}
