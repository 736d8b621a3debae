import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { reportExportInput } from '../../shared/contract/reports'
import { callContext } from '../core/call-context'
import type { CallContext, CoreContext } from '../core/context'
import { CoreError } from '../core/errors'
import { getAboutInfo } from '../core/services/about'
import { backupTo, restoreFrom } from '../core/services/backup'
import { saveFhirExport } from '../core/services/fhir-export'
import { importPeople } from '../core/services/people-import'
import { requestReference } from '../../shared/contract/person-record-export'
import { savePersonRecordExport } from '../core/services/person-record-export'
import { saveReportExport } from '../core/services/report-export'
import { saveReferralLetter } from '../core/services/referral-letter'
import { seedSynthetic } from '../core/services/synthetic'
import { listUsers } from '../core/services/users'
import { verifyStore } from '../core/services/verify'
import { parseNotedHead } from '../core/store/audit-head'
import { isCorruption } from '../core/store/open'
import { TeamConnectionError } from '../core/store/postgres/connection'
import { TeamSetupError } from '../core/store/postgres/team-setup'
import { openProblemMessage, Vault } from '../core/vault'
import { CommandError, UsageError, type Command } from './errors'
import { readPassphrase } from './passphrase'
import { team } from './team-commands'

export { CommandError, UsageError, type Command } from './errors'

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  return parseArgs({ args, options: spec, allowPositionals: false }).values
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`--${flag} is required.`)
  return value
}

/**
 * Unlocks the store as a user, runs `work` with that user's call context (as the dispatcher
 * builds one per request), and always locks again (dropping the key).
 */
async function asUser<T>(core: CoreContext, username: string, work: (call: CallContext, vault: Vault) => Promise<T>): Promise<T> {
  const vault = new Vault(core)
  const status = vault.status()
  if (status.state === 'no-store') throw new CommandError(`There is no Harbour store in ${core.dataFolder}.`)
  const passphrase = await readPassphrase(`Passphrase for ${username}: `)
  const user = await vault.unlock(username, passphrase)
  try {
    return await work(callContext(core, vault, user), vault)
  } finally {
    vault.lock('manual')
  }
}

function requireAdmin(call: CallContext): void {
  if (!call.user.roles.includes('admin')) throw new CommandError('This needs an administrator.')
}

/**
 * `export person`: everything Harbour holds about one person (a subject access request) as
 * record.json and record.pdf in an AES-256 zip; the password is the last line printed. The
 * passphrase the store is unlocked with is the one the export asks for again.
 */
const exportPerson: Command = async (args, context) => {
  const values = options(args, {
    store: { type: 'string' },
    user: { type: 'string' },
    person: { type: 'string' },
    reason: { type: 'string' },
    'request-reference': { type: 'string' },
    out: { type: 'string' }
  })
  const username = required(values.user, 'user')
  if (values.person === undefined || values.person.trim() === '')
    throw new UsageError('--person STAFF_NUMBER is required: whose record to export.')
  const reference = requestReference.safeParse(values['request-reference'] ?? '')
  if (!reference.success) throw new UsageError(`--request-reference: ${reference.error.issues[0]?.message ?? 'not a reference'}.`)
  const referenceText = reference.data === '' ? undefined : reference.data
  if (values.reason === undefined || values.reason.trim() === '')
    throw new UsageError('--reason is required: say why the record is being exported.')
  const out = resolve(required(values.out, 'out'))
  if (existsSync(out)) throw new CommandError(`There is already a file at ${out}; choose another name.`)
  if (!existsSync(dirname(out))) throw new CommandError(`There is no folder ${dirname(out)} to write into.`)
  const staffNumber = values.person.trim()
  const reason = values.reason
  await asUser(context(values.store), username, async (call) => {
    if (!call.user.roles.includes('clinician')) throw new CommandError('This needs a clinician.')
    const result = await savePersonRecordExport(call, { selection: { staffNumber }, reason, requestReference: referenceText }, out)
    console.log(
      `Person record written: ${out} (${result.records} records, as record.json and record.pdf). The password follows: give it to the person separately; it is shown only once.`
    )
    console.log(`password: ${result.password}`)
  })
}

/**
 * `export report`: a governance report (administrators and the reporting role) as CSV or an A4
 * PDF in an AES-256 zip, with the same suppressed figures the screen shows; the password is the
 * last line printed. No passphrase again: the file holds aggregate, suppressed figures only.
 */
const exportReportCommand: Command = async (args, context) => {
  const values = options(args, {
    store: { type: 'string' },
    user: { type: 'string' },
    report: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    by: { type: 'string' },
    compare: { type: 'boolean' },
    format: { type: 'string' },
    reason: { type: 'string' },
    out: { type: 'string' }
  })
  const username = required(values.user, 'user')
  if (values.reason === undefined || values.reason.trim() === '')
    throw new UsageError('--reason is required: say why the report is being exported.')
  const parsed = reportExportInput.safeParse({
    report: required(values.report, 'report'),
    from: required(values.from, 'from'),
    to: required(values.to, 'to'),
    by: values.by ?? null,
    compare: values.compare ?? false,
    format: required(values.format, 'format'),
    reason: values.reason
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`--${String(issue?.path[0] ?? 'report')}: ${issue?.message ?? 'not right'}.`)
  }
  const out = resolve(required(values.out, 'out'))
  if (existsSync(out)) throw new CommandError(`There is already a file at ${out}; choose another name.`)
  if (!existsSync(dirname(out))) throw new CommandError(`There is no folder ${dirname(out)} to write into.`)
  await asUser(context(values.store), username, async (call) => {
    const result = await saveReportExport(call, parsed.data, out)
    console.log(
      `Report written: ${out} (${result.format.toUpperCase()}, ${result.tables} ${result.tables === 1 ? 'table' : 'tables'}). The password follows: give it to the recipient separately; it is shown only once.`
    )
    console.log(`password: ${result.password}`)
  })
}

export const commands: Record<string, Command> = {
  team,

  about: async (args, context) => {
    const values = options(args, { store: { type: 'string' }, json: { type: 'boolean' } })
    const info = getAboutInfo(context(values.store))
    if (values.json) return void console.log(JSON.stringify(info, null, 2))
    console.log(`${info.productName} ${info.version}`)
    console.log(`Data folder: ${info.dataFolder}`)
    console.log(`Platform: ${info.platform}, Node.js ${info.runtime.node}`)
    console.log('Bundled components:')
    for (const component of info.components) console.log(`  ${component.name} ${component.version} (${component.licence})`)
  },

  init: async (args, context) => {
    const values = options(args, { store: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' } })
    const username = required(values.admin, 'admin')
    const core = context(values.store)
    const vault = new Vault(core)
    if (vault.status().state !== 'no-store') throw new CommandError(`${core.dataFolder} already holds a Harbour store.`)
    const passphrase = await readPassphrase(`New passphrase for ${username}: `)
    const confirm = process.stdin.isTTY ? await readPassphrase('Type it again: ') : passphrase
    // The core checks the passphrase against the rules first, then that it was typed the same twice.
    const { recoveryCode } = await vault.setup({ username, displayName: values.name ?? username, passphrase, confirmPassphrase: confirm })
    vault.lock('manual')
    console.error(`Created a Harbour store in ${core.dataFolder}. The recovery code follows: keep it offline, it is shown only once.`)
    console.log(recoveryCode)
  },

  verify: async (args, context) => {
    const values = options(args, {
      store: { type: 'string' },
      user: { type: 'string' },
      against: { type: 'string' },
      head: { type: 'string' }
    })
    const notedHead = values.head === undefined ? undefined : parseNotedHead(values.head)
    if (notedHead === null) throw new UsageError('--head must be the head as verify prints it: ENTRIES:HASH.')
    const core = context(values.store)
    await asUser(core, required(values.user, 'user'), async (_call, vault) => {
      const report = verifyStore(vault, core, {
        ...(values.against ? { against: resolve(values.against) } : {}),
        ...(notedHead ? { notedHead } : {})
      })
      console.log(`integrity_check: ok`)
      console.log(`audit chain: ok (${report.entries} entries)`)
      console.log(
        report.signatures.beganAt === null
          ? 'signatures: not begun (they begin at the first sign-in after the update)'
          : `signatures: ok (${report.signatures.signed} signed entries; signing began at entry ${report.signatures.beganAt})`
      )
      console.log(
        report.ringHead
          ? `key ring head: ok (history holds its ${report.ringHead.entries} entries)`
          : 'key ring head: none recorded yet (one is written whenever a session closes)'
      )
      if (report.against)
        console.log(
          `against backup: ok (history up to its entry ${report.against.head.entries} is unchanged${report.against.from === 'key file' ? ', by its key file' : ''})`
        )
      if (notedHead) console.log(`noted head: ok (history up to entry ${notedHead.entries} is unchanged)`)
      console.log(`audit head: ${report.head.entries}:${report.head.hash} (note it to check with --head later)`)
    })
  },

  backup: async (args, context) => {
    const values = options(args, { store: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } })
    const out = resolve(required(values.out, 'out'))
    const core = context(values.store)
    await asUser(core, required(values.user, 'user'), async (call, vault) => {
      requireAdmin(call)
      const result = backupTo(vault, core, out, call.user.id)
      console.log(`Backup written and verified: ${result.file} (${result.tables} tables, ${result.rows} rows)`)
    })
  },

  restore: async (args, context) => {
    const values = options(args, { store: { type: 'string' }, user: { type: 'string' }, from: { type: 'string' } })
    const from = resolve(required(values.from, 'from'))
    const username = required(values.user, 'user')
    if (!existsSync(from)) throw new CommandError(`There is no file at ${from}.`)
    const core = context(values.store)
    const vault = new Vault(core)
    if (vault.status().state === 'no-store' && !existsSync(`${from}.keyring.json`)) {
      throw new CommandError(`There is no Harbour store in ${core.dataFolder}, and the backup has no key file beside it.`)
    }
    const passphrase = await readPassphrase(`Passphrase for ${username}: `)
    const result = await restoreFrom(vault, core, from, { username, passphrase })
    console.log(
      `Restored ${result.file} (${result.tables} tables, ${result.rows} rows). The previous store and key files were kept beside them.`
    )
  },

  import: async (args, context) => {
    const [what, ...rest] = args
    if (what !== 'people')
      throw new UsageError('Usage: import people --store DIR --user NAME FILE [--dry-run] [--preset NAME] [--rejected-rows OUT]')
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        store: { type: 'string' },
        user: { type: 'string' },
        'dry-run': { type: 'boolean' },
        preset: { type: 'string' },
        'rejected-rows': { type: 'string' }
      },
      allowPositionals: true
    })
    const file = positionals[0]
    if (!file || positionals.length > 1) throw new UsageError('Give exactly one CSV file to import.')
    const path = resolve(file)
    if (!existsSync(path)) throw new CommandError(`There is no file at ${path}.`)
    const rejectedRows = values['rejected-rows'] ? resolve(values['rejected-rows']) : undefined
    const core = context(values.store)
    await asUser(core, required(values.user, 'user'), async (call) => {
      const report = await importPeople(call, {
        path,
        token: 'cli',
        preset: values.preset,
        commit: !values['dry-run'],
        validRowsOnly: rejectedRows !== undefined,
        rejectedRowsDestination: rejectedRows
      })
      if (report.appliedPreset && !values.preset) console.log(`using your saved mapping '${report.appliedPreset}'`)
      // Problems by line only: names stay out of anything a script might log.
      const printProblems = () => {
        for (const problem of report.problems)
          console.log(`${problem.line === null ? 'column mapping' : `line ${problem.line}`}: ${problem.message}`)
        if (report.moreProblems > 0) console.log(`and ${report.moreProblems} more problem${report.moreProblems === 1 ? '' : 's'}`)
      }
      const total = report.problems.length + report.moreProblems
      const counts = `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}`
      if (report.committed && report.rejectedRowsFile) {
        const rows = report.rowsWithProblems
        return void console.log(
          `${counts}; ${rows} row${rows === 1 ? '' : 's'} with problems not imported, written to ${report.rejectedRowsFile}`
        )
      }
      if (total > 0) {
        printProblems()
        throw new CommandError(`${total} problem${total === 1 ? '' : 's'} found; nothing was imported.`)
      }
      console.log(`${counts}${values['dry-run'] ? ' (dry run: nothing was saved)' : ''}`)
    })
  },

  seed: async (args, context) => {
    const values = options(args, {
      store: { type: 'string' },
      user: { type: 'string' },
      people: { type: 'string' },
      seed: { type: 'string' },
      'dense-history': { type: 'boolean' }
    })
    const people = Number(values.people ?? '1000')
    const seed = Number(values.seed ?? '1')
    if (!Number.isInteger(people) || people < 1 || people > 500_000)
      throw new UsageError('--people must be a whole number from 1 to 500000.')
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number.')
    const core = context(values.store)
    await asUser(core, required(values.user, 'user'), async (call) => {
      const started = Date.now()
      const result = await seedSynthetic(call, {
        people,
        seed,
        denseHistory: values['dense-history'] ?? false,
        onProgress: (done, total) => {
          const width = 30
          const filled = Math.round((done / total) * width)
          process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} people`)
        }
      })
      process.stderr.write('\n')
      console.log(
        `seeded ${result.people} people, ${result.cases} cases, ${result.notes} notes, ${result.tasks} tasks, ${result.screenings} screenings, ${result.incidents} incidents, ${result.exposures} exposures, ${result.trimOffers} TRiM offers, ${result.referrals} referrals in ${((Date.now() - started) / 1000).toFixed(1)} s`
      )
    })
  },

  letter: async (args, context) => {
    const values = options(args, {
      store: { type: 'string' },
      user: { type: 'string' },
      referral: { type: 'string' },
      out: { type: 'string' }
    })
    const out = resolve(required(values.out, 'out'))
    const referralId = required(values.referral, 'referral')
    const base = context(values.store)
    // The same letter and audit entry as the app's "Save as PDF…", written to --out instead of a dialog.
    const core: CoreContext = {
      ...base,
      dialogs: {
        ...base.dialogs,
        chooseBackupDestination: async () => null,
        chooseBackupToRestore: async () => null,
        chooseDocumentDestination: async () => out
      }
    }
    await asUser(core, required(values.user, 'user'), async (call) => {
      if (!call.user.roles.includes('clinician')) throw new CommandError('This needs a clinician.')
      await saveReferralLetter(call, { referralId })
      console.log(`Referral letter written: ${out}`)
    })
  },

  export: async (args, context) => {
    const usage = [
      'Usage: export fhir --store DIR --user NAME (--person STAFF_NUMBER | --all) --reason TEXT --out FILE',
      '       export person --store DIR --user NAME --person STAFF_NUMBER --reason TEXT [--request-reference REF] --out FILE',
      '       export report --store DIR --user NAME --report KIND --from YYYY-MM-DD --to YYYY-MM-DD',
      '             [--by role|department|employment-type] [--compare] --format csv|pdf --reason TEXT --out FILE'
    ].join('\n')
    const [what, ...rest] = args
    if (what === 'person') return exportPerson(rest, context)
    if (what === 'report') return exportReportCommand(rest, context)
    if (what !== 'fhir') throw new UsageError(usage)
    const values = options(rest, {
      store: { type: 'string' },
      user: { type: 'string' },
      person: { type: 'string' },
      all: { type: 'boolean' },
      reason: { type: 'string' },
      out: { type: 'string' }
    })
    const username = required(values.user, 'user')
    if (values.person !== undefined && values.all) throw new UsageError('Give either --person or --all, not both.')
    if (values.person === undefined && !values.all)
      throw new UsageError('Give --person STAFF_NUMBER for one person, or --all for everyone you may see.')
    if (values.person !== undefined && values.person.trim() === '') throw new UsageError('--person needs a staff number.')
    if (values.reason === undefined || values.reason.trim() === '')
      throw new UsageError('--reason is required: say why the records are being exported.')
    const out = resolve(required(values.out, 'out'))
    if (existsSync(out)) throw new CommandError(`There is already a file at ${out}; choose another name.`)
    if (!existsSync(dirname(out))) throw new CommandError(`There is no folder ${dirname(out)} to write into.`)
    const selection = values.person !== undefined ? { staffNumber: values.person.trim() } : { all: true as const }
    const reason = values.reason
    await asUser(context(values.store), username, async (call) => {
      if (!call.user.roles.includes('clinician')) throw new CommandError('This needs a clinician.')
      const result = await saveFhirExport(call, { selection, reason }, out)
      console.log(
        `FHIR bundle written: ${out} (${result.people} ${result.people === 1 ? 'person' : 'people'}, ${result.resources} resources). The password follows: give it to the recipient separately; it is shown only once.`
      )
      console.log(`password: ${result.password}`)
    })
  },

  users: async (args, context) => {
    const [sub, ...rest] = args
    if (sub !== 'list') throw new UsageError('Usage: users list --store DIR --user NAME')
    const values = options(rest, { store: { type: 'string' }, user: { type: 'string' } })
    const core = context(values.store)
    await asUser(core, required(values.user, 'user'), async (call) => {
      requireAdmin(call)
      const users = await listUsers(call)
      const rows = users.map((user) => [user.username, user.displayName, user.roles.join(','), user.status])
      const widths = [0, 1, 2, 3].map((i) =>
        Math.max(...[['username', 'name', 'roles', 'status'], ...rows].map((r) => (r[i] ?? '').length))
      )
      for (const row of [['username', 'name', 'roles', 'status'], ...rows]) {
        console.log(
          row
            .map((cell, i) => cell.padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd()
        )
      }
    })
  }
}

/** A one-line explanation for any failure; never a stack trace. */
export function explain(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError || error instanceof TypeError) return { message: error.message, code: 2 }
  if (error instanceof CommandError || error instanceof CoreError) return { message: error.message, code: 1 }
  if (error instanceof TeamConnectionError || error instanceof TeamSetupError) return { message: error.message, code: 1 }
  if (error instanceof Error && error.message.startsWith('No passphrase')) return { message: error.message, code: 1 }
  if (isCorruption(error)) return { message: openProblemMessage('damaged'), code: 1 }
  return { message: 'The command failed unexpectedly. Nothing further was changed.', code: 1 }
}
