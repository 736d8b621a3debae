import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv, { type ValidateFunction } from 'ajv'
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json'

/**
 * Checks a FHIR resource against HL7's FHIR R4 JSON schema, kept byte for byte in
 * `resources/fhir/r4/` (its README says where it came from). Compiling the schema takes a few
 * seconds, so it is done once per app root and kept.
 */
let cache: { appRoot: string; validate: ValidateFunction } | null = null

function validator(appRoot: string): ValidateFunction {
  if (cache?.appRoot !== appRoot) {
    const schema = JSON.parse(readFileSync(join(appRoot, 'resources', 'fhir', 'r4', 'fhir.schema.json'), 'utf8')) as Record<string, unknown>
    // The schema names itself with draft-04's `id`, which Ajv 8 refuses as a keyword; its own
    // references are all local (#/definitions/…), so it needs no name.
    delete schema['id']
    const ajv = new Ajv({ strict: false, allErrors: false })
    ajv.addMetaSchema(draft06)
    cache = { appRoot, validate: ajv.compile(schema) }
  }
  return cache.validate
}

/**
 * Null when the resource is valid FHIR R4 by the schema; otherwise where it first fails, by path
 * and keyword only (never a value from the record).
 */
export function fhirSchemaProblem(appRoot: string, resource: unknown): string | null {
  const validate = validator(appRoot)
  if (validate(resource)) return null
  const first = validate.errors?.[0]
  return first ? `${first.instancePath || '/'} ${first.keyword}` : 'invalid'
}
