import type { z } from 'zod'
import { describeProblem } from '../../../shared/contract/labels'
import type { FieldProblem } from '../../../shared/contract/result'

/**
 * What to tell a caller whose input the contract refused, repeating nothing they chose: never
 * a value, and never a key the contract does not declare. An unknown key, or the key of a
 * record (a mapping, subscales), is the caller's own text, so a field path is cut at the first
 * name the contract does not declare, and unknown keys are mentioned only in general.
 */
export interface InputProblem {
  message: string
  fields: string[]
  /** Each field with its message in the user's words (parse with `inUserWords`). */
  problems: FieldProblem[]
}

interface Def {
  type: string
  shape?: Record<string, z.ZodType>
  catchall?: z.ZodType
  element?: z.ZodType
  innerType?: z.ZodType
  in?: z.ZodType
  out?: z.ZodType
  options?: z.ZodType[]
  left?: z.ZodType
  right?: z.ZodType
  keyType?: z.ZodType
  valueType?: z.ZodType
  items?: z.ZodType[]
  rest?: z.ZodType | null
  getter?: () => z.ZodType
}

const declaredNamesCache = new WeakMap<z.ZodType, Set<string>>()

/** Every object key declared anywhere in a schema. */
export function declaredNames(schema: z.ZodType): Set<string> {
  const cached = declaredNamesCache.get(schema)
  if (cached) return cached
  const names = new Set<string>()
  const seen = new Set<z.ZodType>()
  const walk = (node: z.ZodType | null | undefined): void => {
    if (!node || seen.has(node)) return
    seen.add(node)
    const def = node._zod.def as unknown as Def
    if (def.shape) {
      for (const [key, field] of Object.entries(def.shape)) {
        names.add(key)
        walk(field)
      }
    }
    for (const child of [def.catchall, def.element, def.innerType, def.in, def.out, def.left, def.right, def.valueType, def.rest])
      walk(child)
    for (const child of [...(def.options ?? []), ...(def.items ?? [])]) walk(child)
    if (def.type === 'lazy' && def.getter) walk(def.getter())
  }
  walk(schema)
  declaredNamesCache.set(schema, names)
  return names
}

/** The part of a path made of array positions and declared names, up to the first other segment. */
function declaredPath(path: readonly PropertyKey[], names: Set<string>): string {
  const kept: string[] = []
  for (const segment of path) {
    if (typeof segment === 'number') kept.push(String(segment))
    else if (typeof segment === 'string' && names.has(segment)) kept.push(segment)
    else break
  }
  return kept.join('.')
}

export function inputProblem(schema: z.ZodType, error: z.ZodError): InputProblem {
  const names = declaredNames(schema)
  const problems: FieldProblem[] = []
  const fields: string[] = []
  let unrecognised = false
  for (const issue of error.issues) {
    const path = declaredPath(issue.path, names)
    if (issue.code === 'unrecognized_keys') {
      unrecognised = true
      if (path) fields.push(path)
      continue
    }
    const field = path || '(input)'
    fields.push(field)
    if (!problems.some((problem) => problem.field === field)) problems.push({ field, message: issue.message })
  }
  // The message names fields by their labels, never by the contract's names for them.
  const described = [...new Set(problems.map((problem) => `${describeProblem(problem)}.`))]
  const unknown =
    described.length > 0
      ? 'This request also has fields Harbour does not recognise.'
      : 'This request has fields Harbour does not recognise. Nothing was changed.'
  const message = [...described, unrecognised ? unknown : ''].filter(Boolean).join(' ')
  return { message, fields: fields.length > 0 ? [...new Set(fields)] : ['(input)'], problems }
}

/** A refusal with the service's own problems added, each told in the message by its label. */
export function withMoreProblems(refused: InputProblem, more: FieldProblem[]): InputProblem {
  if (more.length === 0) return refused
  const described = [...new Set(more.map((problem) => `${describeProblem(problem)}.`))]
  return {
    message: [refused.message, ...described].join(' '),
    fields: [...new Set([...refused.fields, ...more.map((problem) => problem.field)])],
    problems: [...refused.problems, ...more]
  }
}
