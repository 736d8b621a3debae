import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConsentRecord } from '../../shared/contract/consent'
import type { ManagementAdviceReport } from '../../shared/contract/management-advice'
import { parsePdfFile } from '../fixtures/pdf-text'
import { referralTeam } from '../fixtures/referrals'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

const advice = {
  managerName: 'Inspector Jane Cole',
  organisation: null,
  fitness: 'fit-with-adjustments',
  adjustments: 'No night shifts for four weeks',
  expectedReturnOn: '2026-12-14',
  reviewOn: '2027-01-11'
}

/** A team on 26 Nov 2026 whose save dialog answers a file in the test's folder, or nothing. */
async function pdfTeam() {
  const team = await referralTeam(tempFolder())
  const folder = tempFolder()
  const asked: string[] = []
  let answer: string | null = join(folder, 'advice.pdf')
  team.host.core.dialogs = {
    chooseBackupDestination: async () => null,
    chooseBackupToRestore: async () => null,
    chooseDocumentDestination: async (suggested) => {
      asked.push(suggested)
      return answer
    }
  }
  const person = await team.person('PC1234', 'Siân', 'Ó Dálaigh')
  const report = await team.call<ManagementAdviceReport>('management-advice:draft', {
    personId: person.id,
    ...advice,
    askedToSeeFirst: true
  })
  await team.call('management-advice:recordShown', { reportId: report.id, shownOn: '2026-11-26', comments: 'I would rather not say why' })
  const consent = () =>
    team.call<ConsentRecord>('consent:record', {
      personId: person.id,
      purpose: 'management-advice',
      recipient: advice.managerName,
      scope: 'Fitness for role and adjustments',
      givenOn: '2026-11-26'
    })
  const saves = () =>
    team.host.vault.sqlite
      .prepare(`SELECT action, entity_type, entity_id, detail FROM audit_log WHERE action = 'management-advice.pdf-saved'`)
      .all()
  return { ...team, folder, asked, person, report, consent, saves, cancel: () => (answer = null) }
}

describe('a management advice report as a PDF', () => {
  it('is refused before release, before any dialog opens, and nothing is written or audited', async () => {
    const { call, report, asked, folder, saves } = await pdfTeam()
    await expect(call('management-advice:savePdf', { reportId: report.id })).rejects.toThrow(
      'Release the report before saving it as a PDF: only a released report goes to the manager.'
    )
    expect(asked).toEqual([])
    expect(existsSync(join(folder, 'advice.pdf'))).toBe(false)
    expect(saves()).toEqual([])
  })

  it('once released, is an A4 PDF of the advice without the person’s comments, audited by the report’s id alone', async () => {
    const { call, report, consent, asked, folder, saves } = await pdfTeam()
    await consent()
    await call('management-advice:release', { reportId: report.id })
    expect(await call('management-advice:savePdf', { reportId: report.id })).toEqual({ fileName: 'advice.pdf' })
    expect(asked).toEqual(['management-advice-2026-11-26.pdf'])
    const pdf = await parsePdfFile(join(folder, 'advice.pdf'))
    const text = pdf.text.replace(/\s+/g, ' ')
    expect(text).toContain('Siân Ó Dálaigh')
    expect(text).toContain('No night shifts for four weeks')
    expect(text).not.toContain('I would rather not say why')
    expect(saves()).toEqual([
      { action: 'management-advice.pdf-saved', entity_type: 'management-advice-report', entity_id: report.id, detail: null }
    ])
  })

  it('saves and audits nothing when the dialog is cancelled', async () => {
    const { call, report, consent, cancel, folder, saves } = await pdfTeam()
    await consent()
    await call('management-advice:release', { reportId: report.id })
    cancel()
    expect(await call('management-advice:savePdf', { reportId: report.id })).toBeNull()
    expect(existsSync(join(folder, 'advice.pdf'))).toBe(false)
    expect(saves()).toEqual([])
  })

  it('makes no copy once the consent it was released on is withdrawn', async () => {
    const { call, report, consent, asked, saves } = await pdfTeam()
    const given = await consent()
    await call('management-advice:release', { reportId: report.id })
    await call('consent:withdraw', { consentId: given.id, withdrawnOn: '2026-11-26' })
    await expect(call('management-advice:savePdf', { reportId: report.id })).rejects.toThrow(
      'The person withdrew their consent on 26 Nov 2026, so no copy of this report can be saved.'
    )
    expect(asked).toEqual([])
    expect(saves()).toEqual([])
  })
})
