/**
 * A printable document as plain data: what a letter or report says, with no layout. The core
 * turns it into an A4 PDF (so the app, the CLI and tests make the same file) and the window shows
 * the same blocks as its preview, so what is previewed is what is saved.
 */
export type PrintableBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label and value pairs, such as name, date of birth and staff number. */
  | { kind: 'fields'; rows: { label: string; value: string }[] }

export interface PrintableDocument {
  /** Shown at the top of the first page and as the PDF's title. */
  title: string
  blocks: PrintableBlock[]
  /** Printed at the foot of every page, for example a protective marking. */
  footer: string
  /** Printed at the top of every page, for example whose record it is. */
  header?: string
}
