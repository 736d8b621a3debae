import { bandFor } from './helpers'
import { InstrumentInputError, type Band, type Flag } from './types'

/**
 * Licensed instruments Harbour does not administer: the clinician enters the total (and
 * subscale totals) from the licensed form. Harbour checks the range and shows bands only
 * where the reference gives them; results are labelled as externally scored.
 */
export interface ExternalInstrument {
  id: string
  title: string
  licence: string
  total: { min: number; max: number } | null
  subscales: Record<string, { min: number; max: number }>
  bands: Band[]
  subscaleBands?: Band[]
  /** Flag when the total reaches a published cut-off. */
  cutoff?: { at: number; code: string; message: string }
  note: string
}

const proqolBands = [
  { min: 10, max: 22, label: 'low' },
  { min: 23, max: 41, label: 'moderate' },
  { min: 42, max: 50, label: 'high' }
]

export const externalInstruments: Record<string, ExternalInstrument> = {
  wemwbs: {
    id: 'wemwbs',
    title: 'WEMWBS (Warwick-Edinburgh Mental Wellbeing Scale)',
    licence: 'Licence and registration required (commercial licence for vendors).',
    total: { min: 14, max: 70 },
    subscales: {},
    bands: [],
    note: 'The authors give no cut-point; no bands are shown.'
  },
  swemwbs: {
    id: 'swemwbs',
    title: 'SWEMWBS (short WEMWBS)',
    licence: 'Licence and registration required.',
    total: { min: 7, max: 35 },
    subscales: {},
    bands: [],
    note: 'Enter the converted (Rasch) score from the official table. No clinical bands.'
  },
  mbi: {
    id: 'mbi',
    title: 'Maslach Burnout Inventory (Human Services Survey)',
    licence: 'Purchased per use from Mind Garden; not embedded.',
    total: null,
    subscales: {
      emotionalExhaustion: { min: 0, max: 54 },
      depersonalisation: { min: 0, max: 30 },
      personalAccomplishment: { min: 0, max: 48 }
    },
    bands: [],
    note: 'Subscale scores only; no bands.'
  },
  iesr: {
    id: 'iesr',
    title: 'IES-R (Impact of Event Scale – Revised)',
    licence: 'Obtain from, or with the permission of, the author.',
    total: { min: 0, max: 88 },
    subscales: {},
    bands: [],
    cutoff: { at: 33, code: 'iesr-probable-ptsd', message: 'Total of 33 or more: probable PTSD (Creamer et al. 2003)' },
    note: 'Total ≥ 33 probable PTSD.'
  },
  wsas: {
    id: 'wsas',
    title: 'WSAS (Work and Social Adjustment Scale)',
    licence: 'Reproduced with the permission of Prof. Isaac Marks.',
    total: { min: 0, max: 40 },
    subscales: {},
    bands: [
      { min: 0, max: 9, label: 'subclinical' },
      { min: 10, max: 20, label: 'significant functional impairment' },
      { min: 21, max: 40, label: 'moderately severe or worse' }
    ],
    note: 'Bands: < 10, 10-20, > 20.'
  },
  k10: {
    id: 'k10',
    title: 'K10 (Kessler Psychological Distress Scale), 1-5 scoring',
    licence: 'Licence status to be confirmed.',
    total: { min: 10, max: 50 },
    subscales: {},
    bands: [
      { min: 10, max: 19, label: 'likely to be well' },
      { min: 20, max: 24, label: 'mild' },
      { min: 25, max: 29, label: 'moderate' },
      { min: 30, max: 50, label: 'severe' }
    ],
    note: 'Scored 1-5 per item (10-50); Andrews & Slade clinical bands.'
  },
  stss: {
    id: 'stss',
    title: 'STSS (Secondary Traumatic Stress Scale)',
    licence: 'Obtain author permission.',
    total: { min: 17, max: 85 },
    subscales: { intrusion: { min: 5, max: 25 }, avoidance: { min: 7, max: 35 }, arousal: { min: 5, max: 25 } },
    bands: [],
    note: 'Bride 2007 categories are unconfirmed, so no bands are shown.'
  },
  proqol: {
    id: 'proqol',
    title: 'ProQOL 5 (Professional Quality of Life)',
    licence: 'Free to copy with credit, unchanged, not sold.',
    total: null,
    subscales: {
      compassionSatisfaction: { min: 10, max: 50 },
      burnout: { min: 10, max: 50 },
      secondaryTraumaticStress: { min: 10, max: 50 }
    },
    bands: [],
    subscaleBands: proqolBands,
    note: 'Each subscale: ≤ 22 low, 23-41 moderate, ≥ 42 high.'
  },
  cbi: {
    id: 'cbi',
    title: 'CBI (Copenhagen Burnout Inventory)',
    licence: 'Licence to be confirmed.',
    total: null,
    subscales: { personal: { min: 0, max: 100 }, work: { min: 0, max: 100 }, client: { min: 0, max: 100 } },
    bands: [],
    note: 'No official bands.'
  }
}

export interface ExternalScore {
  total: number | null
  band: string | null
  subscales: Record<string, number | null>
  subscaleBands: Record<string, string | null>
  flags: Flag[]
  complete: boolean
  scoringVersion: string
  externallyScored: true
}

function checkRange(instrument: ExternalInstrument, label: string, value: number, bounds: { min: number; max: number }): void {
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    throw new InstrumentInputError(`${instrument.title} ${label} must be between ${bounds.min} and ${bounds.max}.`, instrument.id, null)
  }
}

/** Checks a total entered from a licensed form and adds the bands the reference gives. */
export function scoreExternal(id: string, entered: { total?: number | null; subscales?: Record<string, number | null> }): ExternalScore {
  const instrument = Object.prototype.hasOwnProperty.call(externalInstruments, id) ? externalInstruments[id] : undefined
  if (!instrument) throw new InstrumentInputError('There is no such externally scored questionnaire.', id, null)
  const total = entered.total ?? null
  if (instrument.total) {
    if (total === null) throw new InstrumentInputError(`${instrument.title}: enter the total.`, id, null)
    checkRange(instrument, 'total', total, instrument.total)
  } else if (total !== null) {
    throw new InstrumentInputError(`${instrument.title} has no total: enter the subscale scores.`, id, null)
  }
  const subscales: Record<string, number | null> = {}
  const subscaleBands: Record<string, string | null> = {}
  for (const [name, bounds] of Object.entries(instrument.subscales)) {
    const value = entered.subscales?.[name] ?? null
    if (value !== null) checkRange(instrument, name, value, bounds)
    subscales[name] = value
    subscaleBands[name] = instrument.subscaleBands ? bandFor(instrument.subscaleBands, value) : null
  }
  for (const name of Object.keys(entered.subscales ?? {})) {
    if (!(name in instrument.subscales)) throw new InstrumentInputError(`${instrument.title} has no such subscale.`, id, null)
  }
  const flags: Flag[] =
    instrument.cutoff && total !== null && total >= instrument.cutoff.at
      ? [{ code: instrument.cutoff.code, severity: 'warning', message: instrument.cutoff.message }]
      : []
  return {
    total,
    band: bandFor(instrument.bands, total),
    subscales,
    subscaleBands,
    flags,
    complete: Object.values(subscales).every((value) => value !== null),
    scoringVersion: `${id}@external`,
    externallyScored: true
  }
}
