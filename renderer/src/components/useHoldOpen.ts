import { useState, type RefObject, type SyntheticEvent } from 'react'

/**
 * Keeps a modal dialog open while it shows something that cannot be shown again (an export's
 * password): Escape is refused and the person is reminded instead. Chromium lets a second
 * Escape close a dialog even when its `cancel` event is refused, so a close that still happens
 * while holding reopens the dialog at once. Only the dialog's own buttons close it then.
 */
export function useHoldOpen(dialog: RefObject<HTMLDialogElement | null>, holding: boolean, onClose: () => void) {
  const [reminded, setReminded] = useState(false)
  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    if (!holding) return
    event.preventDefault()
    setReminded(true)
  }
  const onDialogClose = () => {
    if (!holding) return onClose()
    const element = dialog.current
    if (element && !element.open) element.showModal()
    setReminded(true)
  }
  return { onCancel, onClose: onDialogClose, reminded }
}
