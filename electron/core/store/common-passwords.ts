import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { squash } from '../../../shared/passphrase'

let cache: { appRoot: string; set: Set<string> } | null = null

/** The bundled list of ~49,000 common passwords, squashed the same way as the candidate. */
export function commonPasswordCheck(appRoot: string): (squashed: string) => boolean {
  if (cache?.appRoot !== appRoot) {
    const lines = readFileSync(join(appRoot, 'resources', 'common-passwords.txt'), 'utf8').split('\n')
    cache = { appRoot, set: new Set(lines.map(squash).filter((line) => line.length > 0)) }
  }
  const set = cache.set
  return (squashed) => set.has(squashed)
}
