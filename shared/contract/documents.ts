import { z } from 'zod'
import type { PrintableDocument } from '../documents/printable'

/** A printable document on the wire (shared/documents/printable.ts): what the window previews. */
const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('fields'), rows: z.array(z.object({ label: z.string(), value: z.string() })) })
])

export const printableDocument: z.ZodType<PrintableDocument> = z.object({
  title: z.string(),
  blocks: z.array(block),
  footer: z.string()
})
