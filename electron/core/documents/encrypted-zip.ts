import { randomInt } from 'node:crypto'
import { configure, TextReader, TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js'

/**
 * Files leave Harbour encrypted: a zip whose entries are AES-256 encrypted (WinZip AES, which
 * 7-Zip and Windows zip tools open), with a random password made here and shown once. zip.js
 * runs in the calling thread (no web workers in Node, nothing fetched).
 */
configure({ useWebWorkers: false })

/** Letters and digits a reader cannot confuse when copying by hand: no 0/O, 1/I/L. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const groups = 6
const groupLength = 4

/**
 * A strong password that reads aloud and copies by hand: six groups of four, such as
 * `K7QM-W2XD-…` — 24 characters from 31, about 119 bits.
 */
export function newZipPassword(): string {
  return Array.from({ length: groups }, () =>
    Array.from({ length: groupLength }, () => alphabet[randomInt(alphabet.length)]).join('')
  ).join('-')
}

export const zipPasswordPattern = new RegExp(`^[${alphabet}]{${groupLength}}(-[${alphabet}]{${groupLength}}){${groups - 1}}$`)

export interface ZipEntry {
  name: string
  text: string
}

/** A file to put in the zip: text (written as UTF-8) or bytes, such as a PDF. */
export type ZipInput = ZipEntry | { name: string; bytes: Uint8Array }

/** The zip's bytes: every entry AES-256 encrypted with the password (never ZipCrypto). */
export async function encryptedZip(entries: readonly ZipInput[], password: string): Promise<Uint8Array> {
  if (password.length < 12) throw new Error('An export password must be at least 12 characters.')
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, encryptionStrength: 3, zipCrypto: false })
  for (const entry of entries)
    await writer.add(entry.name, 'bytes' in entry ? new Uint8ArrayReader(entry.bytes) : new TextReader(entry.text))
  return writer.close()
}

/** Opens a zip made by `encryptedZip`: each entry's name, text and whether it was encrypted. Throws on a wrong password. */
export async function readEncryptedZip(bytes: Uint8Array, password: string): Promise<(ZipEntry & { encrypted: boolean })[]> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes))
  try {
    const out: (ZipEntry & { encrypted: boolean })[] = []
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue
      out.push({ name: entry.filename, text: await entry.getData(new TextWriter(), { password }), encrypted: entry.encrypted })
    }
    return out
  } finally {
    await reader.close()
  }
}

/** Opens a zip made by `encryptedZip` as bytes: each entry's name, bytes and whether it was encrypted. Throws on a wrong password. */
export async function readEncryptedZipBytes(
  bytes: Uint8Array,
  password: string
): Promise<{ name: string; bytes: Uint8Array; encrypted: boolean }[]> {
  const reader = new ZipReader(new Uint8ArrayReader(bytes))
  try {
    const out: { name: string; bytes: Uint8Array; encrypted: boolean }[] = []
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue
      out.push({ name: entry.filename, bytes: await entry.getData(new Uint8ArrayWriter(), { password }), encrypted: entry.encrypted })
    }
    return out
  } finally {
    await reader.close()
  }
}
