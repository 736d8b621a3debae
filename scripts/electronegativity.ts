/**
 * Runs Electronegativity (Doyensec's Electron security linter) over electron/ and renderer/
 * together — its global checks (CSP, navigation limits) must see the shell and the page as
 * one app — and fails on any HIGH or MEDIUM finding, or on any file it could not parse
 * (a file it cannot read is a file it did not check).
 *
 * One check is switched off, with its reason: AvailableSecurityFixesGlobalCheck downloads
 * Electron's release list from the internet, which Harbour's build machines cannot reach.
 * Electron versions are reviewed by hand instead (README, "Keeping Electron current").
 */
import { createRequire } from 'node:module'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

interface Finding {
  id: string
  file: string
  location: { line: number; column: number }
  severity: { name: string }
  confidence: { name: string }
  description: string
}

interface RunResult {
  issues: Finding[]
  errors: { file: string; message: string; tolerable: boolean }[]
  globalChecks: number
  atomicChecks: number
}

const require = createRequire(__filename)
const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<RunResult>

const root = resolve(__dirname, '..')
const electronVersion = (JSON.parse(readFileSync(resolve(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
  .version

export const disabledChecks: Record<string, string> = {
  AvailableSecurityFixesGlobalCheck: "needs Electron's release list from the internet, which build machines cannot reach"
}

export const scannedFolders = ['electron', 'renderer']

async function scanApp(): Promise<RunResult> {
  const staging = mkdtempSync(join(tmpdir(), 'harbour-electronegativity-'))
  try {
    for (const folder of scannedFolders) cpSync(resolve(root, folder), join(staging, folder), { recursive: true })
    return await run({
      input: staging,
      electronVersionOverride: electronVersion,
      excludeFromScan: Object.keys(disabledChecks),
      isRelative: true,
      parserPlugins: []
    })
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const result = await scanApp()
  const blocking = result.issues.filter((issue) => issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM')
  const unparsed = result.errors.filter((error) => !error.tolerable)
  console.log(
    `Electronegativity over ${scannedFolders.map((f) => `${f}/`).join(' and ')}: ` +
      `${result.atomicChecks + result.globalChecks} checks, ${blocking.length} HIGH/MEDIUM, ` +
      `${result.issues.length - blocking.length} LOW/INFORMATIONAL, ${unparsed.length} unreadable files`
  )
  for (const issue of result.issues) {
    const level = blocking.includes(issue) ? issue.severity.name : `(${issue.severity.name.toLowerCase()})`
    console.log(`  ${level} ${issue.id} ${issue.file}:${issue.location.line} ${issue.description}`)
  }
  for (const error of unparsed) console.log(`  could not parse ${error.file}: ${error.message}`)
  for (const [check, reason] of Object.entries(disabledChecks)) console.log(`  skipped ${check}: ${reason}`)
  process.exitCode = blocking.length > 0 || unparsed.length > 0 ? 1 : 0
}

void main()
