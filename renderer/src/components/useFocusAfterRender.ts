import { useCallback, useEffect, useRef } from 'react'

/**
 * Moves focus to an element, by id, once the change that draws it has rendered: back to the
 * control that opened a form the user has just closed (a new element by then), so focus
 * never falls to the top of the page. Call it alongside the state change that closes the form.
 */
export function useFocusAfterRender(): (id: string) => void {
  const target = useRef<string | null>(null)
  useEffect(() => {
    if (target.current === null) return
    document.getElementById(target.current)?.focus()
    target.current = null
  })
  return useCallback((id: string) => {
    target.current = id
  }, [])
}
