import { useEffect, useRef } from 'react'

/**
 * What Print does (Ctrl+P, or Print in the native menu). By default the window prints what is
 * on screen; a screen whose list is paged registers its own way, so every route to paper
 * prints the whole list and not the page in view.
 */
let screenPrint: (() => void) | null = null

export function printScreen(): void {
  if (screenPrint) screenPrint()
  else window.print()
}

/** Makes `print` what Print does while the calling screen is shown. */
export function usePrintCommand(print: () => void): void {
  const latest = useRef(print)
  useEffect(() => {
    latest.current = print
  })
  useEffect(() => {
    const handler = () => latest.current()
    screenPrint = handler
    return () => {
      if (screenPrint === handler) screenPrint = null
    }
  }, [])
}
