import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import { todayInLondon } from '../../../shared/calendar-date'
import { importMapping, type ImportMapping, type ImportReport } from '../../../shared/contract/people-import'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import { commitStaged, discardStaged } from '../fs/atomic-write'
import { chosenFilePath, registerChosenFile } from './chosen-files'
import { parseCsvText, readCsvFile, readCsvText, type ParsedCsv } from './csv-reader'
import { importLimits } from './import-limits'
import { auditImportRefused, hiddenPeopleByStaffNumber } from '../access'
import { describeChanges, leaverTasks } from './people-import-changes'
import { checkFile, type CheckContext } from './people-import-check'
import { fingerprintOf, keptChecks, type FileSummary, type KeptCheck } from './people-import-checks'
import { chooseMapping, type ChosenMapping } from './people-import-mapping'
import { rejectedRowsCsv, stageRejectedRows } from './people-import-rejects'
import { existingPeople, importedValues, planWrites, writePlan, type WritePlan } from './people-import-write'
import { currentUser } from './session-helpers'

const sampleSize = 5

export async function chooseImportFile(call: CallContext): Promise<{ token: string; fileName: string } | null> {
  if (!call.core.dialogs?.chooseImportFile)
    throw new CoreError('unavailable', 'Importing needs a file dialog, which is not available here.')
  const path = await call.core.dialogs.chooseImportFile()
  return path ? registerChosenFile(call, path) : null
}

/**
 * Reads a CSV (UTF-8 with or without BOM, CRLF or LF, quoted commas and newlines) with line
 * numbers, checking the import limits first (see csv-reader.ts, where both imports read).
 */
export function readCsv(path: string): ParsedCsv {
  return readCsvFile(path)
}

export interface ImportOptions {
  path: string
  token: string
  mapping?: ImportMapping | undefined
  preset?: string | undefined
  commit: boolean
  /** Import only what this check showed; if the file or mapping has changed since, report the new check instead. */
  checkId?: string | undefined
  /** The explicit choice to import the valid rows and save the rejected ones to a file. */
  validRowsOnly?: boolean | undefined
  /** Where to save the rejected rows (the command line); otherwise the user is asked. */
  rejectedRowsDestination?: string | undefined
}

async function checkContext(call: CallContext, userId: string): Promise<CheckContext> {
  const roles = new Map<string, string>()
  for (const role of await call.db.selectFrom('roles').select(['id', 'name']).execute()) {
    roles.set(role.id.toLowerCase(), role.id)
    roles.set(role.name.toLowerCase(), role.id)
  }
  return { roles, hidden: await hiddenPeopleByStaffNumber(call.db, userId), today: todayInLondon(call.core.clock()) }
}

/** The file's check: the one kept for it if nothing it depends on has changed, else a new one. */
async function checkOnce(call: CallContext, userId: string, options: ImportOptions): Promise<{ chosen: ChosenMapping; check: KeptCheck }> {
  const { text, contentHash } = readCsvText(options.path)
  const kept = keptChecks.get(call.session, options.token)
  // The same bytes need not be parsed again to be described; they are if they must be checked again.
  let parsed: ParsedCsv | null = null
  const parse = () => (parsed ??= parseCsvText(text))
  const file: FileSummary =
    kept?.file.contentHash === contentHash
      ? kept.file
      : {
          contentHash,
          headers: parse().headers,
          headerCells: parse().headerCells,
          sample: parse()
            .records.slice(0, sampleSize)
            .map((r) => r.values),
          rows: parse().records.length
        }
  const chosen = await chooseMapping(call, file.headers, options)
  const context = await checkContext(call, userId)
  const fingerprint = fingerprintOf(contentHash, chosen.mapping, userId, context)
  if (kept && kept.fingerprint === fingerprint) return { chosen, check: kept }
  const checked = await checkFile(parse(), chosen.mapping, context, call.core.progress)
  await auditImportRefused(call, checked.refused)
  const check: KeptCheck = {
    id: randomUUID(),
    fingerprint,
    file,
    problems: checked.problems,
    mappingProblem: checked.mappingProblem,
    rejected: checked.rejected,
    toImport: checked.good.map((row) => importedValues(row.fields))
  }
  keptChecks.set(call.session, options.token, check)
  return { chosen, check }
}

const countSummary = (plan: WritePlan, leaverTasks: number) =>
  `created=${plan.created},updated=${plan.updated},unchanged=${plan.unchanged}${leaverTasks > 0 ? `,leaver-tasks=${leaverTasks}` : ''}`

/**
 * Checks every row of an HR file once, and reports every problem with its line and person.
 * Only when asked, it writes: by default all or nothing (every row must be right); with
 * `validRowsOnly`, the valid rows, with the rejected ones saved to a file. People are created
 * or updated by staff number, so importing the same file twice changes nothing the second time.
 */
export async function importPeople(call: CallContext, options: ImportOptions): Promise<ImportReport> {
  const user = currentUser(call)
  const { chosen, check } = await checkOnce(call, user.id, options)
  const plan = planWrites(await existingPeople(call.db), check.toImport)
  const now = call.core.clock()
  const leavers = await leaverTasks(call.db, plan, { today: todayInLondon(now), now: now.toISOString(), actorId: user.id })
  const hidden = new Set((await hiddenPeopleByStaffNumber(call.db, user.id)).values())
  const report: ImportReport = {
    token: options.token,
    fileName: basename(options.path),
    headers: check.file.headers,
    mapping: chosen.mapping,
    appliedPreset: chosen.appliedPreset,
    checkId: check.id,
    changedSinceCheck: options.checkId !== undefined && options.checkId !== check.id,
    sample: check.file.sample,
    rows: check.file.rows,
    problems: check.problems.slice(0, importLimits.problems),
    moreProblems: Math.max(0, check.problems.length - importLimits.problems),
    rowsWithProblems: check.rejected.length,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    ...describeChanges(plan, hidden, leavers.told),
    committed: false,
    rejectedRowsFile: null
  }
  if (!options.commit || report.changedSinceCheck) return report
  if (check.problems.length === 0) {
    await writePlan(
      call,
      plan,
      { actorId: user.id, action: 'people.imported', entityType: 'import', detail: countSummary(plan, leavers.tasks.length) },
      leavers.tasks
    )
  } else {
    if (!options.validRowsOnly) return report
    if (check.mappingProblem || check.toImport.length === 0) {
      throw new CoreError('invalid-input', 'No row can be imported as the file stands: fix the problems listed, then check the file again.')
    }
    const staged = await stageRejectedRows(call, {
      sourcePath: options.path,
      destination: options.rejectedRowsDestination,
      csv: rejectedRowsCsv(check.file.headerCells, check.rejected)
    })
    if (!staged) return report
    try {
      // Counts only: who was left out is in the user's file, never in the audit trail.
      await writePlan(
        call,
        plan,
        {
          actorId: user.id,
          action: 'people.imported-valid-rows',
          entityType: 'import',
          detail: `${countSummary(plan, leavers.tasks.length)},rejected=${check.rejected.length}`
        },
        leavers.tasks
      )
    } catch (error) {
      discardStaged(staged)
      throw error
    }
    commitStaged(staged)
    report.rejectedRowsFile = staged.target
  }
  keptChecks.forget(call.session, options.token)
  report.committed = true
  return report
}

export async function runImport(
  call: CallContext,
  input: {
    token: string
    mapping?: ImportMapping | undefined
    preset?: string | undefined
    commit: boolean
    checkId?: string | undefined
    validRowsOnly?: boolean | undefined
  }
): Promise<ImportReport> {
  return importPeople(call, { path: chosenFilePath(call, input.token), ...input })
}

export async function listPresets(call: CallContext): Promise<{ name: string; mapping: ImportMapping }[]> {
  const rows = await call.db.selectFrom('import_presets').selectAll().orderBy('name').execute()
  return rows.map((row) => ({ name: row.name, mapping: importMapping.parse(JSON.parse(row.mapping)) }))
}

export async function savePreset(call: CallContext, input: { name: string; mapping: ImportMapping }): Promise<{ name: string }> {
  const now = call.core.clock().toISOString()
  await call.db
    .insertInto('import_presets')
    .values({ name: input.name, mapping: JSON.stringify(input.mapping), updated_at: now })
    .onConflict((conflict) => conflict.column('name').doUpdateSet({ mapping: JSON.stringify(input.mapping), updated_at: now }))
    .execute()
  return { name: input.name }
}
