import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'
import { CoreError } from '../errors'
import { keyringProblemMessage } from '../messages'
import { auditHeadSchema, type AuditHead } from './audit-head'
import { deriveKey, type KdfParams } from './kdf'
import { generateRawKeyPair, openSealed, publicKeyOf, seal } from './slot-keys'

/**
 * The key ring beside the database: one slot per user (and one recovery slot). A slot opens
 * with that person's passphrase (Argon2id, then AES-256-GCM). Changing a passphrase rewraps
 * one slot; the database is untouched.
 *
 * Version 1 slots wrap the database key (DEK) itself under the passphrase, so only the
 * passphrase holder can rewrap them — which makes rotating the DEK impossible without every
 * user present. Version 2 slots are envelopes: the passphrase wraps the slot's own private
 * keys (an X25519 key for the envelope, and an Ed25519 key that signs the holder's audit
 * entries), and the DEK is sealed to the slot's X25519 public key. Rotating the DEK then
 * reseals it to every remaining slot's public key, with no passphrase needed, and a removed
 * slot's holder is left with only the old DEK. A version 1 slot becomes version 2 the next
 * time its owner unlocks with it. The ring also carries a MAC, keyed from the DEK, over every
 * slot's identity and public keys, so a public key swapped in by someone without the DEK is
 * refused before anything is sealed to it.
 */
const wrapSchema = z.object({ algorithm: z.literal('aes-256-gcm'), iv: z.string(), tag: z.string(), key: z.string() })
const sealSchema = z.object({
  algorithm: z.literal('x25519-hkdf-sha256-aes-256-gcm'),
  ephemeral: z.string(),
  iv: z.string(),
  tag: z.string(),
  key: z.string()
})

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
  wrap: wrapSchema,
  /** Version 2: the slot's X25519 public key, to which the DEK is sealed. */
  boxKey: z.string().optional(),
  /** Version 2: the Ed25519 public key that checks this slot holder's audit signatures. */
  signingKey: z.string().optional(),
  /** Version 2: the DEK sealed to `boxKey`. */
  seal: sealSchema.optional(),
  /** Only while a key rotation is under way: the previous DEK, sealed the same way. */
  previousSeal: sealSchema.optional(),
  createdAt: z.string()
})

const keyringSchema = z.object({
  format: z.literal('harbour-keyring'),
  version: z.union([z.literal(1), z.literal(2)]),
  storeId: z.string(),
  slots: z.array(slotSchema),
  /** The audit chain's head when a session last closed (or, beside a backup, the backup's). */
  auditHead: auditHeadSchema.optional(),
  /** HMAC-SHA256, keyed from the DEK, over the slots' identities and public keys (see `ringMac`). */
  mac: z.string().optional()
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
  const length = (text: string) => Buffer.from(text, 'base64').length
  const lengths = { salt: kdf.salt, iv: wrap.iv, tag: wrap.tag }
  for (const [part, text] of Object.entries(lengths) as [keyof typeof sizes, string][]) {
    if (length(text) !== sizes[part]) return `${part} has the wrong length`
  }
  // Version 1 wraps the DEK; version 2 the slot's private keys (one or two of 32 bytes each).
  const wrapped = length(wrap.key)
  if (slot.boxKey ? wrapped !== 2 * sizes.key && wrapped !== sizes.key : wrapped !== sizes.key) return 'key has the wrong length'
  for (const publicKey of [slot.boxKey, slot.signingKey]) {
    if (publicKey !== undefined && length(publicKey) !== sizes.key) return 'a public key has the wrong length'
  }
  for (const sealed of [slot.seal, slot.previousSeal]) {
    if (
      sealed &&
      (length(sealed.ephemeral) !== sizes.key ||
        length(sealed.iv) !== sizes.iv ||
        length(sealed.tag) !== sizes.tag ||
        length(sealed.key) !== sizes.key)
    ) {
      return 'a sealed key has the wrong length'
    }
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
  return { format: 'harbour-keyring', version: 2, storeId: randomUUID(), slots: [] }
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

/** Binds a wrapped key to its store, slot and user (and a v2 slot's public keys), so slots cannot be swapped around. */
function additionalData(storeId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'userId' | 'boxKey' | 'signingKey'>): Buffer {
  const base = `harbour-slot|${storeId}|${slot.id}|${slot.kind}|${slot.userId ?? ''}`
  return Buffer.from(slot.boxKey ? `${base}|${slot.boxKey}|${slot.signingKey ?? ''}` : base)
}

function sealData(storeId: string, slot: Pick<KeySlot, 'id' | 'boxKey'>): Buffer {
  return Buffer.from(`harbour-seal|${storeId}|${slot.id}|${slot.boxKey ?? ''}`)
}

/** A slot's private keys (raw 32-byte seeds). Overwrite them with `forgetSecrets` when done. */
export interface SlotSecrets {
  box: Buffer
  /** The slot's Ed25519 signing key (null only in a slot made before slots had one). */
  signing: Buffer | null
}

export function newSlotSecrets(): SlotSecrets {
  return { box: generateRawKeyPair('x25519').privateKey, signing: generateRawKeyPair('ed25519').privateKey }
}

export function forgetSecrets(secrets: SlotSecrets | null): void {
  secrets?.box.fill(0)
  secrets?.signing?.fill(0)
}

/** A version 2 slot: its DEK can be resealed without its passphrase. */
export function isSealed(slot: KeySlot): boolean {
  return Boolean(slot.boxKey && slot.seal)
}

/**
 * A new version 2 slot holding `dek`. Pass `keep` to carry a person's existing private keys
 * into the slot (a changed passphrase keeps their signing key); otherwise new ones are made.
 */
export async function createSlot(
  keyring: Keyring,
  dek: Buffer,
  secret: string,
  owner: { kind: 'user'; userId: string; username: string } | { kind: 'recovery' },
  kdf: KdfParams,
  now: Date,
  keep?: SlotSecrets
): Promise<KeySlot> {
  const secrets = keep ?? newSlotSecrets()
  const salt = randomBytes(sizes.salt)
  const base = {
    id: randomUUID(),
    kind: owner.kind,
    userId: owner.kind === 'user' ? owner.userId : null,
    username: owner.kind === 'user' ? owner.username.toLowerCase() : null,
    boxKey: publicKeyOf('x25519', secrets.box).toString('base64'),
    ...(secrets.signing ? { signingKey: publicKeyOf('ed25519', secrets.signing).toString('base64') } : {})
  }
  // Never write a slot that Harbour would then refuse to open.
  if (!kdfWithinLimits(kdf)) throw new Error('Key derivation settings are outside the accepted range.')
  const plain = Buffer.concat(secrets.signing ? [secrets.box, secrets.signing] : [secrets.box])
  const kek = await deriveKey(secret, salt, kdf)
  try {
    const iv = randomBytes(sizes.iv)
    const cipher = createCipheriv('aes-256-gcm', kek, iv)
    cipher.setAAD(additionalData(keyring.storeId, base))
    const wrapped = Buffer.concat([cipher.update(plain), cipher.final()])
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
      seal: seal(dek, Buffer.from(base.boxKey, 'base64'), sealData(keyring.storeId, base)),
      createdAt: now.toISOString()
    }
  } finally {
    kek.fill(0)
    plain.fill(0)
    if (!keep) forgetSecrets(secrets)
  }
}

export interface OpenedSlot {
  dek: Buffer
  /** While a rotation is under way: the DEK before it. */
  previousDek: Buffer | null
  /** Version 2 slots only. */
  secrets: SlotSecrets | null
}

/**
 * Everything a slot holds, or null when the secret is wrong (GCM authentication fails). A slot
 * with settings outside Harbour's limits is refused before any key derivation runs.
 */
export async function unlockSlot(keyring: Keyring, slot: KeySlot, secret: string): Promise<OpenedSlot | null> {
  if (slotDefect(slot)) throw new SlotRefusedError(slot.kind)
  const kek = await deriveKey(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf)
  let plain: Buffer
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.wrap.iv, 'base64'), { authTagLength: sizes.tag })
    decipher.setAAD(additionalData(keyring.storeId, slot))
    decipher.setAuthTag(Buffer.from(slot.wrap.tag, 'base64'))
    plain = Buffer.concat([decipher.update(Buffer.from(slot.wrap.key, 'base64')), decipher.final()])
  } catch {
    return null
  } finally {
    kek.fill(0)
  }
  if (!slot.boxKey) return { dek: plain, previousDek: null, secrets: null }
  const secrets: SlotSecrets = {
    box: Buffer.from(plain.subarray(0, 32)),
    signing: plain.length >= 64 ? Buffer.from(plain.subarray(32, 64)) : null
  }
  plain.fill(0)
  const dek = slot.seal ? openSealed(slot.seal, secrets.box, sealData(keyring.storeId, slot)) : null
  if (!dek) {
    forgetSecrets(secrets)
    return null
  }
  const previousDek = slot.previousSeal ? openSealed(slot.previousSeal, secrets.box, sealData(keyring.storeId, slot)) : null
  return { dek, previousDek, secrets }
}

/** The DEK, or null when the secret is wrong (GCM authentication fails). */
export async function openSlot(keyring: Keyring, slot: KeySlot, secret: string): Promise<Buffer | null> {
  const opened = await unlockSlot(keyring, slot, secret)
  if (!opened) return null
  opened.previousDek?.fill(0)
  forgetSecrets(opened.secrets)
  return opened.dek
}

/** The same slot with `dek` sealed to it (and, during a rotation, `previous` too). Version 2 slots only. */
export function resealSlot(keyring: Keyring, slot: KeySlot, dek: Buffer, previous: Buffer | null): KeySlot {
  if (!slot.boxKey) throw new Error('Only a version 2 slot can be resealed.')
  const recipient = Buffer.from(slot.boxKey, 'base64')
  const rest: KeySlot = { ...slot }
  delete rest.previousSeal
  return {
    ...rest,
    seal: seal(dek, recipient, sealData(keyring.storeId, slot)),
    ...(previous ? { previousSeal: seal(previous, recipient, sealData(keyring.storeId, slot)) } : {})
  }
}

function macKey(dek: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), 'harbour-keyring-mac', 32))
}

/** A MAC over who each slot belongs to and its public keys; only a DEK holder can make it. */
export function ringMac(keyring: Keyring, dek: Buffer): string {
  const canonical = JSON.stringify([
    keyring.storeId,
    keyring.slots.map((slot) => [slot.id, slot.kind, slot.userId, slot.username, slot.boxKey ?? null, slot.signingKey ?? null])
  ])
  const key = macKey(dek)
  try {
    return createHmac('sha256', key).update(canonical).digest('base64')
  } finally {
    key.fill(0)
  }
}

/** The ring as written by someone holding the DEK: version 2, with its MAC. */
export function withMac(keyring: Keyring, dek: Buffer): Keyring {
  return { ...keyring, version: 2, mac: ringMac(keyring, dek) }
}

export function macHolds(keyring: Keyring, dek: Buffer): boolean {
  if (!keyring.mac) return false
  const expected = Buffer.from(ringMac(keyring, dek), 'base64')
  const actual = Buffer.from(keyring.mac, 'base64')
  return expected.length === actual.length && timingSafeEqual(expected, actual)
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

/** The user key slots a service may change while the store is unlocked (the key stays inside). */
export interface UserKeySlots {
  /** Why users' passphrases are set elsewhere (a team server's are its IT team's), or null where this store sets them. */
  readonly passphrasesElsewhere: string | null
  /** A new slot for a user; returns its signing key as the audit log records it. */
  setUserSlot(userId: string, username: string, passphrase: string): Promise<string>
  removeUserSlots(userId: string): Promise<void>
  /** Proves a passphrase opens the user's slot (with back-off); refuses with "unauthenticated". */
  checkPassphrase(username: string, passphrase: string): Promise<void>
}

/**
 * The store's key ring file. Read it through here to get a refusal the person can act on when
 * it is missing or damaged; it is written only by a holder of the store key, which seals its MAC.
 */
export class KeyRingFile {
  constructor(readonly path: string) {}

  /** What is wrong with the file, or null if it reads. */
  defect(): KeyringError['kind'] | null {
    try {
      readKeyring(this.path)
      return null
    } catch (error) {
      if (error instanceof KeyringError) return error.kind
      throw error
    }
  }

  /** The ring; a missing or damaged one is refused as unavailable, in the person's words. */
  read(): Keyring {
    try {
      return readKeyring(this.path)
    } catch (error) {
      if (error instanceof KeyringError) throw new CoreError('unavailable', keyringProblemMessage(error.kind))
      throw error
    }
  }

  /** Saves the ring atomically, sealed with the store key. */
  write(keyring: Keyring, dek: Buffer): void {
    writeKeyring(this.path, withMac(keyring, dek))
  }

  /** Runs `work` on the ring and saves what it returns. */
  async update(dek: Buffer, work: (keyring: Keyring) => Promise<Keyring>): Promise<void> {
    this.write(await work(this.read()), dek)
  }

  /**
   * A new slot for a user in place of any they had. `secrets` keeps the slot's own keys (the
   * signed-in user's new passphrase); without them the slot gets new ones. Returns the slot's
   * signing key as the audit log records it (see audit-signatures.ts).
   */
  async setUserSlot(
    dek: Buffer,
    user: { userId: string; username: string },
    passphrase: string,
    kdf: KdfParams,
    now: Date,
    secrets?: SlotSecrets
  ): Promise<string> {
    let signingKey = ''
    await this.update(dek, async (keyring) => {
      const rest = withoutUserSlots(keyring, user.userId)
      const slot = await createSlot(rest, dek, passphrase, { kind: 'user', ...user }, kdf, now, secrets)
      signingKey = `ed25519:${slot.signingKey ?? ''}`
      rest.slots.push(slot)
      return rest
    })
    return signingKey
  }

  async removeUserSlots(dek: Buffer, userId: string): Promise<void> {
    await this.update(dek, async (keyring) => withoutUserSlots(keyring, userId))
  }

  /**
   * Writes the audit chain's head into the ring, so a later `verify` can tell whether entries
   * were removed or rewritten while no session was open (see audit-head.ts).
   */
  witness(head: Omit<AuditHead, 'at'>, at: Date): void {
    writeKeyring(this.path, { ...readKeyring(this.path), auditHead: { ...head, at: at.toISOString() } })
  }
}
