import { useEffect, useRef } from 'react'

/** Opens and closes a native <dialog> as a modal (focus trapped, Esc closes) to follow `open`. */
export function useModal(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    if (!open && element.open) element.close()
  }, [open])
  return dialog
}
