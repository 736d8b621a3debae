/**
 * Standard codes for a questionnaire's total score in a FHIR export: only those that the domain
 * reference (instruments and domain research, section 5) marks as confirmed. Every other
 * questionnaire is exported with its name as text and no code: a guessed code is worse than none.
 *
 * Left out on purpose: AUDIT-C's SNOMED CT code (the reference says to verify it first), its LOINC
 * total (not marked confirmed), full AUDIT, PC-PTSD-5 and PCL-5 (marked unverified or conflicting),
 * and K10's older SNOMED CT code (the reference gives the current list's code first).
 */
export interface FhirCoding {
  system: string
  code: string
  /** Only where the reference gives the code's own wording. */
  display?: string
}

export const snomedCt = 'http://snomed.info/sct'
export const loinc = 'http://loinc.org'

export const totalScoreCodes: Readonly<Record<string, readonly FhirCoding[]>> = {
  phq9: [
    { system: snomedCt, code: '720433000', display: 'Patient health questionnaire 9 score' },
    { system: loinc, code: '44261-6' }
  ],
  gad7: [
    { system: snomedCt, code: '445455005', display: 'Generalized anxiety disorder 7 item score' },
    { system: loinc, code: '70274-6' }
  ],
  core10: [{ system: snomedCt, code: '958051000000104' }],
  k10: [{ system: snomedCt, code: '720211004' }],
  wemwbs: [{ system: snomedCt, code: '718426000' }],
  swemwbs: [{ system: snomedCt, code: '718466001' }]
}

/** The codes for a questionnaire's total, or none. */
export function totalScoreCodings(instrumentId: string): readonly FhirCoding[] {
  return Object.prototype.hasOwnProperty.call(totalScoreCodes, instrumentId) ? (totalScoreCodes[instrumentId] ?? []) : []
}
