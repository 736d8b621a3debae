import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

let piped: string[] | null = null

async function pipedLines(): Promise<string[]> {
  if (piped) return piped
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  piped = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)
  return piped
}

/**
 * Reads a passphrase: from standard input when it is not a terminal (one line per
 * passphrase asked for), otherwise by prompting without echo. Never from argv or the
 * environment, where other users and logs could see it.
 */
export async function readPassphrase(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = await pipedLines()
    const line = lines.shift()
    if (line === undefined || line === '') throw new Error('No passphrase was given on standard input.')
    return line
  }
  let muted = false
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk)
      callback()
    }
  })
  const reader = createInterface({ input: process.stdin, output, terminal: true })
  try {
    return await new Promise<string>((resolve) => {
      reader.question(prompt, (answer) => resolve(answer))
      muted = true
    })
  } finally {
    reader.close()
    process.stderr.write('\n')
  }
}
