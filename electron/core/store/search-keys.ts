/**
 * How a person's names are kept for search. Names are folded (case, accents) and compacted
 * (anything not a letter or digit dropped), so O'Brien, O Brien, OBrien and obrien all read
 * "obrien", and Collier-Smith reads "colliersmith". Migration 0090 and every write use this.
 */

/** Fold case and accents so "Siân" is found by "sian"; control characters (a NUL, say) are spaces. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{Cc}/gu, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Folded, with every space and punctuation mark dropped: "O'Brien-Hart" reads "obrienhart". */
export function compactForSearch(text: string): string {
  return foldForSearch(text).replace(/[^\p{L}\p{N}]/gu, '')
}

/** The words someone typed, each compacted; punctuation alone ("'", "-") is no word. */
export function searchTokens(query: string): string[] {
  return foldForSearch(query)
    .split(' ')
    .map(compactForSearch)
    .filter((token) => token !== '')
}

export interface SearchKeyFields {
  staffNumber: string
  givenName: string
  familyName: string
  preferredName: string | null
}

/**
 * One word per field, the surname first: "obrien pc4321 sian". The first word is the
 * surname key (a generated, indexed column since 0090), so exact and prefix surname matches
 * are an index lookup; every word start is a name or number start, for ranking.
 */
export function personSearchKey(fields: SearchKeyFields): string {
  const others = [fields.staffNumber, fields.givenName, fields.preferredName ?? ''].map(compactForSearch).filter((word) => word !== '')
  return [compactForSearch(fields.familyName), ...others].join(' ')
}
