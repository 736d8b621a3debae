import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

/**
 * A SCRAM-SHA-256 verifier for a passphrase, in the form PostgreSQL stores
 * (`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, RFC 5802/7677), made on this
 * computer so the passphrase itself never reaches the server or its statement log: the server
 * is given only the verifier, as `ALTER ROLE … PASSWORD` accepts. 4096 iterations is
 * PostgreSQL's own default. Passphrases are used as typed (NFKC-normalised, as SASLprep maps them), as libpq does for
 * text that SASLprep leaves unchanged.
 */
export function scramVerifier(passphrase: string, iterations = 4096, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(Buffer.from(passphrase.normalize('NFKC'), 'utf8'), salt, iterations, 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const serverKey = createHmac('sha256', salted).update('Server Key').digest()
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`
}
