import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { z } from 'zod'
import type { ReferralLetterTemplate } from '../../../../shared/contract/referrals'
import { call } from '../../api'
import { ErrorSummary } from '../../components/ErrorSummary'
import { TextArea } from '../../components/TextArea'
import { showApiError, summaryOf, useHarbourForm } from '../../components/forms'

const templateKey = ['referrals', 'letter-template'] as const

// The core checks the placeholders and names any it does not know, at the field.
const formSchema = z.object({ letterTemplate: z.string().trim().min(1, 'Enter the referral letter template') })
type FormValues = z.input<typeof formSchema>

/**
 * Administrators: the text of every referral letter, with placeholders the core fills from the
 * person's details and the referral's consented content. Nothing else can be placed in a letter.
 */
export function ReferralLetterTemplateForm() {
  const queryClient = useQueryClient()
  const current = useQuery({ queryKey: templateKey, queryFn: () => call('referrals:letterTemplate', {}) })
  const [saved, setSaved] = useState<string | null>(null)
  if (!current.data) return null
  const onSaved = (next: ReferralLetterTemplate) => {
    queryClient.setQueryData(templateKey, next)
    setSaved('The referral letter template is saved. Letters written from now on use it.')
  }
  return (
    <section className="panel" aria-labelledby="letter-template-heading">
      <h2 className="heading-m" id="letter-template-heading">
        Referral letter
      </h2>
      <p>
        Placeholders in double braces are filled in for each letter. A blank line starts a new paragraph; a line starting
        <code> ## </code> is a heading. Letters carry only the person’s details and what they agreed may be shared.
      </p>
      <dl className="summary-list" aria-label="Placeholders">
        {current.data.placeholders.map((placeholder) => (
          <div className="summary-list__row" key={placeholder.name}>
            <dt className="summary-list__key">
              <code>{`{{${placeholder.name}}}`}</code>
            </dt>
            <dd className="summary-list__value">{placeholder.meaning}</dd>
          </div>
        ))}
      </dl>
      <TemplateForm key={current.data.letterTemplate} template={current.data.letterTemplate} onSaved={onSaved} />
      <p className="hint" role="status">
        {saved}
      </p>
    </section>
  )
}

function TemplateForm({ template, onSaved }: { template: string; onSaved: (next: ReferralLetterTemplate) => void }) {
  const { register, handleSubmit, setError, formState } = useHarbourForm<FormValues>(formSchema, {
    defaultValues: { letterTemplate: template }
  })
  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await call('referrals:setLetterTemplate', { letterTemplate: values.letterTemplate }))
    } catch (error) {
      showApiError(error, setError, ['letterTemplate'])
    }
  })
  return (
    <>
      <ErrorSummary errors={summaryOf(formState.errors, ['letterTemplate'])} idPrefix="letter-template" />
      <form onSubmit={submit} noValidate>
        <TextArea
          id="letter-template-letterTemplate"
          label="Referral letter template"
          rows={16}
          error={formState.errors.letterTemplate?.message}
          {...register('letterTemplate')}
        />
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          Save the template
        </button>
      </form>
    </>
  )
}
