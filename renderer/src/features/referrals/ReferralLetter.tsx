import { useMutation, useQuery } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { PrintablePreview } from '../../components/PrintablePreview'

/**
 * The referral letter as the core wrote it from the template (only what the person agreed to
 * share), previewed here exactly as it will be saved, with "Save as PDF…" opening the native
 * save dialog. The core refuses a letter without consent and says why.
 */
export function ReferralLetter({ referralId, onClose }: { referralId: string; onClose: () => void }) {
  const preview = useQuery({
    queryKey: ['referrals', 'letter', referralId],
    queryFn: () => call('referrals:letterPreview', { referralId }),
    // Always the template and details as they are now.
    gcTime: 0,
    retry: false
  })
  const saved = useMutation({ mutationFn: () => call('referrals:saveLetter', { referralId }) })
  return (
    <section className="referral-letter" aria-label="Referral letter">
      {preview.isPending ? <Loading what="the letter" /> : null}
      {preview.isError ? (
        <Notice tone="error" title="The letter cannot be written yet">
          <p>{messageFor(preview.error)}</p>
        </Notice>
      ) : null}
      {preview.data ? <PrintablePreview document={preview.data} headingLevel={4} label="Letter preview" /> : null}
      {saved.isError ? (
        <Notice tone="error" title="The letter was not saved">
          <p>{messageFor(saved.error)}</p>
        </Notice>
      ) : null}
      {saved.data ? (
        <Notice tone="info" title="Letter saved">
          <p>
            Saved as <code className="path">{saved.data.fileName}</code>.
          </p>
        </Notice>
      ) : null}
      <div className="button-group">
        {preview.data ? (
          <button type="button" className="button" disabled={saved.isPending} onClick={() => saved.mutate()}>
            Save as PDF…
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={onClose}>
          Close the letter
        </button>
      </div>
    </section>
  )
}
