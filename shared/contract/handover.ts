import { z } from 'zod'
import { access } from './access'
import { id } from './fields'
import { passphrase, storeStatus } from './session'

/**
 * Self-completion on handover: the clinician hands the computer to the person, who sees only
 * the questionnaires; nothing else works until the clinician's passphrase ends it.
 */
export const handoverChannels = {
  'handover:start': {
    input: z.object({ personId: id, instruments: z.array(z.string().max(40)).min(1, 'Choose at least one questionnaire').max(8) }).strict(),
    output: storeStatus,
    access: access.clinicians
  },
  'handover:submit': {
    input: z
      .object({
        results: z
          .array(z.object({ instrument: z.string().max(40), answers: z.array(z.number().int().nullable()).max(40) }))
          .min(1)
          .max(8)
      })
      .strict(),
    output: storeStatus,
    access: 'session'
  },
  'handover:end': {
    input: z.object({ passphrase: passphrase.pipe(z.string().min(1, 'Enter your passphrase')) }).strict(),
    output: storeStatus,
    access: 'session'
  }
} as const
