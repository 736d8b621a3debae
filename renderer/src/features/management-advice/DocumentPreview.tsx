import { useQuery } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { PrintablePreview } from '../../components/PrintablePreview'

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
  // The same sheet as the referral letter's preview: what is previewed is what the PDF prints.
  return (
    <section aria-label="Preview of the report">
      <PrintablePreview document={document.data} headingLevel={4} label="Management advice report" />
    </section>
  )
}
