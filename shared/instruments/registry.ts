import { audit } from './definitions/audit'
import { auditc } from './definitions/auditc'
import { core10 } from './definitions/core10'
import { gad7 } from './definitions/gad7'
import { itq } from './definitions/itq'
import { pcl5 } from './definitions/pcl5'
import { pcptsd5 } from './definitions/pcptsd5'
import { phq9 } from './definitions/phq9'
import type { InstrumentDefinition } from './types'

/** Every questionnaire Harbour administers, in the order they are shown. */
export const instruments: Record<string, InstrumentDefinition> = { phq9, gad7, pcl5, itq, audit, auditc, core10, pcptsd5 }
