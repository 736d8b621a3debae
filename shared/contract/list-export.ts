import { z } from 'zod'
import { access } from './access'
import { caseloadQuery } from './caseload'
import { text } from './fields'
import { referralWorklistQuery } from './referrals'
import { dueFilters } from './screening'

/**
 * CSV exports of the lists (docs/exports.md): my caseload, the screening due list, the
 * referrals worklist and the people register, each with the filters its screen has. Every
 * export gives a reason and the exporter's passphrase again, goes through the save dialog and is
 * audited; the file is an AES-256 zip whose password is returned once, unless an administrator
 * allows plaintext exports and the exporter chooses one.
 */
export const exportLists = ['caseload', 'due', 'referrals', 'register'] as const
export type ExportList = (typeof exportLists)[number]

/** The lists by name, as the dialog and the audit name them. */
export const exportListNames: Record<ExportList, string> = {
  caseload: 'My caseload',
  due: 'Screening due list',
  referrals: 'Referrals worklist',
  register: 'People register'
}

export const listSelection = z.discriminatedUnion('list', [
  z.object({ list: z.literal('caseload'), filters: caseloadQuery.omit({ page: true }) }).strict(),
  z.object({ list: z.literal('due'), filters: dueFilters }).strict(),
  z.object({ list: z.literal('referrals'), filters: referralWorklistQuery.omit({ page: true }) }).strict(),
  z
    .object({
      list: z.literal('register'),
      /** The search box's words; empty for everyone the exporter may see. */
      filters: z.object({ query: z.string().max(100).default('') }).strict()
    })
    .strict()
])
export type ListSelection = z.output<typeof listSelection>

export const listExportInput = z
  .object({
    selection: listSelection,
    reason: text('a reason for the export', 500),
    passphrase: z.string().min(1, 'Enter your passphrase').max(1024, 'Passphrase is too long'),
    /** A plaintext CSV instead of the encrypted zip: only where an administrator allows it. */
    plaintext: z.boolean().default(false)
  })
  .strict()

export const listExportResult = z
  .object({
    fileName: z.string(),
    rows: z.number().int(),
    /** The zip's password, shown once and kept nowhere; null for a plaintext file. */
    password: z.string().nullable()
  })
  .nullable()
export type ListExportResult = z.infer<typeof listExportResult>

export const listExportChannels = {
  /** Writes the list through the save dialog; null when the exporter cancels the dialog. */
  'list-export:save': { input: listExportInput, output: listExportResult, access: access.clinicians }
} as const
