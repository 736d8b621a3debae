import { useState, type RefObject } from 'react'
import { useHoldOpen } from './useHoldOpen'

/**
 * An export dialog's state: the saved file (null until saved), whether the exporter closed the
 * native save dialog (the channel answers null: nothing written), and the hold that keeps the
 * dialog open while a password shows. `run` makes one attempt; errors are the caller's to show.
 */
export function useExportResult<R extends { password: string | null }>(dialog: RefObject<HTMLDialogElement | null>, onClose: () => void) {
  const [saved, setSaved] = useState<R | null>(null)
  const [cancelled, setCancelled] = useState(false)
  const hold = useHoldOpen(dialog, Boolean(saved?.password), onClose)
  const run = async (save: () => Promise<R | null>) => {
    setCancelled(false)
    const result = await save()
    if (result) setSaved(result)
    else setCancelled(true)
  }
  return { saved, cancelled, hold, run }
}
