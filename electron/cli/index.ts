/**
 * Harbour's admin CLI: `npm run -s cli -- <command> [options]`. It drives the same core as
 * the app, headlessly, for IT staff scripting installations and for tests. Failures print
 * one clear line on stderr and exit non-zero; never a stack trace.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CoreContext } from '../core/context'
import { defaultDataFolder } from '../core/paths'
import { commands, explain, UsageError } from './commands'
import { teamUsage } from './team-commands'

const appRoot = resolve(__dirname, '../..')

const usage = `Usage: npm run -s cli -- <command> [options]

Commands:
  init --store DIR --admin NAME [--name "Full Name"]   Create a store; prints the recovery code
  verify --store DIR --user NAME [--against BACKUP] [--head ENTRIES:HASH]
                                                        Check every page, the audit chain and its witnesses
  backup --store DIR --user NAME --out FILE             Write a verified, encrypted backup
  restore --store DIR --user NAME --from FILE           Replace the store with a verified backup (administrators)
  users list --store DIR --user NAME                    List users
  import people --store DIR --user NAME FILE [--dry-run] [--preset NAME] [--rejected-rows OUT]
                                                        Import people from an HR CSV file: all rows or none,
                                                        or with --rejected-rows the valid rows, writing the
                                                        others to OUT with a Problem column
  seed --store DIR --user NAME --people N [--seed S] [--dense-history]
                                                        Fill a new store with synthetic data
  about [--store DIR] [--json]                          Version, data folder, bundled components
  letter --store DIR --user NAME --referral ID --out FILE
                                                        Write a referral's letter as a PDF (clinicians; needs consent)
  export fhir --store DIR --user NAME (--person STAFF_NUMBER | --all) --reason TEXT --out FILE
                                                        Write a FHIR R4 bundle in an AES-256 zip (clinicians);
                                                        prints the zip's password last
  export person --store DIR --user NAME --person STAFF_NUMBER --reason TEXT
                [--request-reference REF] --out FILE    Write everything held about one person (subject
                                                        access request) as record.json and record.pdf in an
                                                        AES-256 zip (clinicians); prints the password last;
                                                        REF (such as "SAR 2026/114") is kept in the audit
  export report --store DIR --user NAME --report KIND --from YYYY-MM-DD --to YYYY-MM-DD
         [--by role|department|employment-type] [--compare] --format csv|pdf --reason TEXT --out FILE
                                                        Write a governance report (suppressed) as CSV or
                                                        an A4 PDF in an AES-256 zip (administrators and the
                                                        reporting role); prints the password last
${teamUsage}
  help                                                  This message

Passphrases are read from standard input when it is not a terminal (one line each),
otherwise asked for without echo; never from arguments or the environment.
--store defaults to the app's own data folder (${defaultDataFolder()}).`

/** The context for one command; the store's lock file names the command to anyone who finds the store in use. */
function coreContext(store: string | undefined, command: string): CoreContext {
  const manifest = JSON.parse(readFileSync(resolve(appRoot, 'package.json'), 'utf8')) as { version: string }
  return {
    dataFolder: resolve(store ?? defaultDataFolder()),
    appRoot,
    productName: 'Harbour',
    version: manifest.version,
    runtime: { node: process.versions.node, electron: null, chrome: null },
    platform: `${process.platform} ${process.arch}`,
    clock: () => new Date(),
    lockOwner: { kind: 'cli', command }
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === 'help' || command === '--help') {
    console.log(usage)
    return 0
  }
  const run = command ? commands[command] : undefined
  try {
    if (!run) throw new UsageError(command ? `Unknown command "${command}".\n\n${usage}` : usage)
    const name = command ?? ''
    await run(rest, (store) => coreContext(store, name))
    return 0
  } catch (error) {
    const { message, code } = explain(error)
    console.error(`harbour: ${message}`)
    return code
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
