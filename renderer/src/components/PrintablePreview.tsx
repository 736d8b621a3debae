import type { PrintableDocument } from '../../../shared/documents/printable'

/**
 * A printable document as the window shows it before saving: the same title, headings,
 * paragraphs, label-value rows and footer the core prints into the PDF, on a page-like sheet.
 * `headingLevel` is the level of the document's title within the screen around it.
 */
export function PrintablePreview({
  document,
  headingLevel = 3,
  label
}: {
  document: PrintableDocument
  headingLevel?: 2 | 3 | 4
  label: string
}) {
  const Title = `h${headingLevel}` as const
  const Heading = `h${headingLevel + 1}` as 'h3' | 'h4' | 'h5'
  return (
    <article className="printable" aria-label={label}>
      <Title className="printable__title">{document.title}</Title>
      {document.blocks.map((block, index) => {
        const key = `${index}-${block.kind}`
        switch (block.kind) {
          case 'heading':
            return (
              <Heading className="printable__heading" key={key}>
                {block.text}
              </Heading>
            )
          case 'paragraph':
            return (
              <p className="printable__paragraph" key={key}>
                {block.text}
              </p>
            )
          case 'fields':
            return (
              <dl className="printable__fields" key={key}>
                {block.rows.map((row) => (
                  <div className="printable__row" key={row.label}>
                    <dt>{row.label}</dt>
                    <dd>{row.value.length > 0 ? row.value : '—'}</dd>
                  </div>
                ))}
              </dl>
            )
        }
      })}
      {document.footer.length > 0 ? <p className="printable__footer">{document.footer}</p> : null}
    </article>
  )
}
