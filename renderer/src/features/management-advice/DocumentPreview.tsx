import { useQuery } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SummaryList } from '../../components/SummaryList'

/** The report as the printable document the core makes: the same blocks the PDF prints. */
export function DocumentPreview({ reportId }: { reportId: string }) {
  const document = useQuery({
    queryKey: ['management-advice-document', reportId],
    queryFn: () => call('management-advice:document', { reportId })
  })
  if (document.isPending) return <Loading what="the preview" />
  if (document.isError)
    return (
      <Notice tone="error" title="The preview could not be made">
        <p>{messageFor(document.error)}</p>
      </Notice>
    )
  const printable = document.data
  return (
    <section className="panel panel--inset document-preview" aria-label="Preview of the report">
      <h4 className="heading-m">{printable.title}</h4>
      {printable.blocks.map((block, index) =>
        block.kind === 'heading' ? (
          <h5 className="heading-s" key={index}>
            {block.text}
          </h5>
        ) : block.kind === 'paragraph' ? (
          <p key={index}>{block.text}</p>
        ) : (
          <SummaryList key={index} rows={block.rows.map((row) => ({ key: row.label, value: row.value }))} />
        )
      )}
      <p className="hint">{printable.footer}</p>
    </section>
  )
}
