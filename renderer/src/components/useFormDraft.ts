import { useWatch, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form'
import type { DraftContent } from '../../../shared/contract/drafts'
import { useDraft, type DraftOptions, type FormDraft } from './useDraft'

/** `useDraft` for a react-hook-form form: its values, its defaults, and `reset` to put a draft back. */
export function useFormDraft<T extends FieldValues & DraftContent>(
  options: Pick<DraftOptions<T>, 'form' | 'subjectId' | 'label'>,
  { control, reset, setValue, formState }: Pick<UseFormReturn<T>, 'control' | 'reset' | 'setValue' | 'formState'>
): FormDraft {
  const values = useWatch({ control }) as T
  const initial = (formState.defaultValues ?? {}) as T
  return useDraft({
    ...options,
    values,
    initial,
    // Field by field, so the defaults stay as they were and restored values count as changes
    // (`reset` with kept defaults ignores the values given when fields unregister).
    restore: (content) => {
      for (const [name, value] of Object.entries(content)) setValue(name as Path<T>, value as PathValue<T, Path<T>>, { shouldDirty: true })
    },
    startAgain: () => reset()
  })
}
