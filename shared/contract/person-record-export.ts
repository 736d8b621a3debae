import { z } from 'zod'
import { access } from './access'
import { id, text } from './fields'
import { passphrase } from './session'

/**
 * A subject access request's own reference (such as "SAR 2026/114"), kept in the export's audit
 * entry so the file can be matched to the request later. A reference, never a name or a
 * sentence: short, with a digit, at most three words, and only letters, digits and / - . _.
 */
export const requestReference = z
  .string()
  .trim()
  .max(30, 'A request reference is at most 30 characters')
  .refine((value) => value === '' || (/^[A-Za-z0-9][A-Za-z0-9/._-]*( [A-Za-z0-9/._-]+){0,2}$/.test(value) && /\d/.test(value)), {
    message: 'Enter the request’s reference number, such as SAR 2026/114 (at most three words; letters, digits and / - . _), never a name'
  })

/**
 * The person record export for a subject access request (docs/exports.md, "Person record"):
 * everything Harbour holds about one person, as record.json and record.pdf in an AES-256 zip.
 * It asks for a reason (never stored in words), the clinician's passphrase again, and where to
 * save (the window gets the path from the native save dialog). The zip's password comes back
 * once and is kept nowhere.
 */
export const personRecordExportInput = z
  .object({
    personId: id,
    reason: text('a reason for the export', 500),
    /** Optional; kept in the audit entry (the reason's words are not). */
    requestReference: requestReference.optional(),
    passphrase: passphrase.pipe(z.string().min(1, 'Enter your passphrase')),
    /** Left out from the window: the core asks where with the native save dialog. */
    destination: z.string().trim().min(1, 'Choose where to save the export').max(4096, 'That file path is too long').optional()
  })
  .strict()

export const personRecordExportSaved = z.object({
  /** The file's name only (never its folder). */
  fileName: z.string(),
  /** Shown once to the person exporting; kept nowhere. */
  password: z.string(),
  /** Every record in the export, the person's own included. */
  records: z.number().int()
})

/** Null when the exporter cancelled the save dialog (nothing written, nothing audited). */
export const personRecordExportResult = personRecordExportSaved.nullable()
export type PersonRecordExportResult = z.infer<typeof personRecordExportResult>
export type PersonRecordExportSaved = z.infer<typeof personRecordExportSaved>

export const personRecordExportChannels = {
  'person-record-export:save': { input: personRecordExportInput, output: personRecordExportResult, access: access.clinicians }
} as const
