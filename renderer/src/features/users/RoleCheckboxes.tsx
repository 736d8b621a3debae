import type { ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { roleNames, roles } from '../../../../shared/contract/session'

/**
 * Harbour's roles as a group of checkboxes, with an optional hint and the refusal under the
 * legend. The first box's id is `<idPrefix>-roles`, so the error summary's link focuses it.
 */
export function RoleCheckboxes({
  idPrefix,
  hint,
  error,
  field
}: {
  idPrefix: string
  hint?: ReactNode
  error: string | undefined
  field: UseFormRegisterReturn<'roles'>
}) {
  const hintId = hint ? `${idPrefix}-hint` : ''
  const errorId = error ? `${idPrefix}-roles-error` : ''
  const describedBy = [hintId, errorId].filter(Boolean).join(' ')
  return (
    <fieldset className={`fieldset form-group${error ? ' form-group--error' : ''}`} aria-describedby={describedBy || undefined}>
      <legend className="fieldset__legend">Roles</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="checkboxes">
        {roles.map((role, index) => {
          const id = index === 0 ? `${idPrefix}-roles` : `${idPrefix}-roles-${role}`
          return (
            <div className="checkboxes__item" key={role}>
              <input className="checkboxes__input" type="checkbox" id={id} value={role} {...field} />
              <label className="checkboxes__label" htmlFor={id}>
                {roleNames[role]}
              </label>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
