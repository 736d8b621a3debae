import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, type ReactNode } from 'react'
import { defaultPreferences, type Preferences } from '../../../../shared/contract/preferences'
import { call } from '../../api'

interface PreferencesState {
  preferences: Preferences
  save: (changes: Partial<Preferences>) => Promise<Preferences>
  saving: boolean
}

const PreferencesContext = createContext<PreferencesState | null>(null)

export const preferencesKey = ['preferences'] as const

/** Applies theme, text size and motion to <html>, where the stylesheet reads them. */
function applyToDocument(preferences: Preferences): void {
  const root = document.documentElement
  root.dataset['theme'] = preferences.theme
  root.dataset['textSize'] = preferences.textSize
  root.dataset['reduceMotion'] = String(preferences.reduceMotion)
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: preferencesKey, queryFn: () => call('preferences:get', {}) })
  // Optimistic: the choice shows at once, and is put back if saving it fails.
  const mutation = useMutation({
    mutationFn: (changes: Partial<Preferences>) => call('preferences:set', changes),
    onMutate: (changes) => {
      const previous = queryClient.getQueryData<Preferences>(preferencesKey) ?? defaultPreferences
      queryClient.setQueryData(preferencesKey, { ...previous, ...changes })
      return { previous }
    },
    onError: (_error, _changes, context) => queryClient.setQueryData(preferencesKey, context?.previous),
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved)
  })
  // Until the saved choice arrives, follow the system theme rather than flash a wrong one.
  const preferences = query.data ?? defaultPreferences

  useEffect(() => applyToDocument(preferences), [preferences])

  return (
    <PreferencesContext.Provider value={{ preferences, save: mutation.mutateAsync, saving: mutation.isPending }}>
      {children}
    </PreferencesContext.Provider>
  )
}

export function usePreferences(): PreferencesState {
  const state = useContext(PreferencesContext)
  if (!state) throw new Error('usePreferences needs a PreferencesProvider')
  return state
}
