import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'wouter'
import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { TrimTeamPrompt } from '../../../../shared/contract/trim'
import { assessmentKindLabels } from '../../../../shared/trim/assessment'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { trimTeamPromptsKey } from './keys'

function why(prompt: TrimTeamPrompt): string {
  const parts = [
    ...(prompt.reasons.includes('score') ? [`score ${prompt.score}`] : []),
    ...(prompt.reasons.includes('persistent-difficulty') ? ['persistent difficulty'] : [])
  ]
  return parts.join(', ')
}

/**
 * My caseload: TRiM assessments that suggest a referral when no clinician holds the person's case
 * or planned their TRiM. The core keeps each here for every clinician until one takes it on and
 * gets the task; nothing shows when there are none.
 */
export function TrimTeamPrompts() {
  const queryClient = useQueryClient()
  const list = useQuery({ queryKey: trimTeamPromptsKey, queryFn: () => call('trim:teamPrompts', {}) })
  const [said, setSaid] = useState<{ tone: 'info' | 'error'; text: string } | null>(null)
  const take = useMutation({
    mutationFn: (assessmentId: string) => call('trim:takePrompt', { assessmentId }),
    onSuccess: (taken) => setSaid({ tone: 'info', text: `The referral prompt for ${taken.personName} is now yours, in your tasks.` }),
    onError: (error) => setSaid({ tone: 'error', text: messageFor(error) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: trimTeamPromptsKey })
      void queryClient.invalidateQueries({ queryKey: ['tasks'] })
      void queryClient.invalidateQueries({ queryKey: ['trim'] })
      void queryClient.invalidateQueries({ queryKey: ['caseload'] })
    }
  })
  const prompts = list.data ?? []
  if (!list.isError && !list.isPending && prompts.length === 0 && said === null) return null
  return (
    <section className="panel panel--decisions" aria-labelledby="trim-prompts-heading">
      <h2 className="heading-m" id="trim-prompts-heading">
        TRiM referral prompts for the team
      </h2>
      {list.isPending ? <Loading what="TRiM referral prompts" /> : null}
      {list.isError ? (
        <Notice tone="error" title="TRiM referral prompts could not be loaded">
          <p>{messageFor(list.error)}</p>
        </Notice>
      ) : null}
      {said ? (
        <Notice tone={said.tone} title={said.tone === 'info' ? 'Taken on' : 'Not taken on'}>
          <p>{said.text}</p>
        </Notice>
      ) : null}
      {prompts.length > 0 ? (
        <table className="table table--compact">
          <caption className="table__caption">
            {prompts.length === 1 ? '1 TRiM assessment suggests' : `${prompts.length} TRiM assessments suggest`} a referral, and no
            clinician holds the case or planned TRiM: take one on to get the task
          </caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Incident</th>
              <th scope="col">Assessment</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {prompts.map((prompt) => (
              <tr key={prompt.assessmentId}>
                <td>
                  <Link href={`/people/${prompt.personId}`}>{prompt.personName}</Link> ({prompt.staffNumber})
                </td>
                <td>
                  {prompt.incidentCategory}, {formatCalendarDate(prompt.incidentDate)}
                </td>
                <td>
                  {assessmentKindLabels[prompt.kind]}, {formatCalendarDate(prompt.assessedOn)}: {why(prompt)}
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`Take on the referral prompt for ${prompt.personName}`}
                    disabled={take.isPending}
                    onClick={() => {
                      setSaid(null)
                      take.mutate(prompt.assessmentId)
                    }}
                  >
                    Take this on
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
