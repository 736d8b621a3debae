import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject
} from 'node:crypto'

/**
 * Each key slot has its own X25519 key pair, so the store key can be sealed to a slot without
 * that slot's passphrase: a sealed box (ephemeral X25519, HKDF-SHA256, AES-256-GCM), as in
 * age or HPKE. Keys are handled as raw 32-byte values in Buffers, which can be overwritten
 * after use; DER wrappers turn them into key objects only for the moment they are needed.
 */
const pkcs8Prefix = {
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex')
}
const spkiPrefix = { x25519: Buffer.from('302a300506032b656e032100', 'hex'), ed25519: Buffer.from('302a300506032b6570032100', 'hex') }

export type Curve = 'x25519' | 'ed25519'

export interface RawKeyPair {
  /** The 32-byte private seed. Overwrite it when done. */
  privateKey: Buffer
  /** The 32-byte public key. */
  publicKey: Buffer
}

export function generateRawKeyPair(curve: Curve): RawKeyPair {
  const pair = curve === 'x25519' ? generateKeyPairSync('x25519') : generateKeyPairSync('ed25519')
  return {
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32),
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  }
}

export function privateKeyObject(curve: Curve, raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix[curve], raw]), format: 'der', type: 'pkcs8' })
}

export function publicKeyObject(curve: Curve, raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('A public key must be 32 bytes.')
  return createPublicKey({ key: Buffer.concat([spkiPrefix[curve], raw]), format: 'der', type: 'spki' })
}

export function publicKeyOf(curve: Curve, privateRaw: Buffer): Buffer {
  return createPublicKey(privateKeyObject(curve, privateRaw)).export({ format: 'der', type: 'spki' }).subarray(-32)
}

export interface SealedBox {
  algorithm: 'x25519-hkdf-sha256-aes-256-gcm'
  ephemeral: string
  iv: string
  tag: string
  key: string
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), 'harbour-sealed-box', 32))
}

/** Seals `secret` so only the holder of `recipient`'s private key can open it. */
export function seal(secret: Buffer, recipient: Buffer, additionalData: Buffer): SealedBox {
  const ephemeral = generateRawKeyPair('x25519')
  const shared = diffieHellman({
    privateKey: privateKeyObject('x25519', ephemeral.privateKey),
    publicKey: publicKeyObject('x25519', recipient)
  })
  const key = boxKey(shared, ephemeral.publicKey, recipient)
  try {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(additionalData)
    const sealed = Buffer.concat([cipher.update(secret), cipher.final()])
    return {
      algorithm: 'x25519-hkdf-sha256-aes-256-gcm',
      ephemeral: ephemeral.publicKey.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      key: sealed.toString('base64')
    }
  } finally {
    key.fill(0)
    shared.fill(0)
    ephemeral.privateKey.fill(0)
  }
}

/** Opens a sealed box with the recipient's private key; null if it does not authenticate. */
export function openSealed(box: SealedBox, recipientPrivate: Buffer, additionalData: Buffer): Buffer | null {
  const ephemeral = Buffer.from(box.ephemeral, 'base64')
  const tag = Buffer.from(box.tag, 'base64')
  if (ephemeral.length !== 32 || tag.length !== 16) return null
  let shared: Buffer | null = null
  let key: Buffer | null = null
  try {
    shared = diffieHellman({ privateKey: privateKeyObject('x25519', recipientPrivate), publicKey: publicKeyObject('x25519', ephemeral) })
    key = boxKey(shared, ephemeral, publicKeyOf('x25519', recipientPrivate))
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'), { authTagLength: 16 })
    decipher.setAAD(additionalData)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(Buffer.from(box.key, 'base64')), decipher.final()])
  } catch {
    return null
  } finally {
    key?.fill(0)
    shared?.fill(0)
  }
}
