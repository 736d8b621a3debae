import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { Referral } from '../../../../shared/contract/referrals'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { SavedMessage } from '../../components/SavedMessage'
import { referralsKey } from './keys'
import { MakeReferralForm } from './MakeReferralForm'
import { ReferralCard } from './ReferralCard'

/** A person's referrals onward, newest first as the core sends them, and making a new one. */
export function ReferralsPanel({ personId }: { personId: string }) {
  const [making, setMaking] = useState(false)
  const [made, setMade] = useState<{ referral: Referral; count: number } | null>(null)
  const referrals = useQuery({ queryKey: referralsKey(personId), queryFn: () => call('referrals:forPerson', { personId }) })
  return (
    <section aria-labelledby="referrals-heading" className="referrals">
      <div className="section-heading">
        <h2 className="heading-l" id="referrals-heading">
          Referrals
        </h2>
        {!making ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setMade(null)
              setMaking(true)
            }}
          >
            Make a referral
          </button>
        ) : null}
      </div>
      {making ? (
        <MakeReferralForm
          personId={personId}
          onCancel={() => setMaking(false)}
          onDone={(referral) => {
            setMaking(false)
            setMade({ referral, count: (made?.count ?? 0) + 1 })
          }}
        />
      ) : null}
      {/* The guidance holds until something more is recorded on the new referral. */}
      {made && referrals.data?.some((r) => r.id === made.referral.id && r.consent === null && r.status === 'drafted') ? (
        <SavedMessage title="Referral saved" savedKey={String(made.count)}>
          <p>Referral to {made.referral.destinationName} saved as drafted. Record the person’s consent to share, then record it as sent.</p>
        </SavedMessage>
      ) : null}
      {referrals.isPending ? <Loading what="referrals" /> : null}
      {referrals.isError ? (
        <Notice tone="error" title="Referrals could not be loaded">
          <p>{messageFor(referrals.error)}</p>
        </Notice>
      ) : null}
      {referrals.data && referrals.data.length === 0 && !making ? <p className="empty">No referrals</p> : null}
      {referrals.data?.map((referral) => (
        <ReferralCard key={referral.id} referral={referral} />
      ))}
    </section>
  )
}
