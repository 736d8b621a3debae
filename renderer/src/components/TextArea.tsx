import { forwardRef, type TextareaHTMLAttributes } from 'react'
import { describedBy, FieldFrame } from './FieldFrame'

interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  id: string
  label: string
  hint?: string
  error?: string
}

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea({ id, label, hint, error, ...area }, ref) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        ref={ref}
        id={id}
        className={`textarea${error ? ' input--error' : ''}`}
        rows={5}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...area}
      />
    </FieldFrame>
  )
})
