import { useModal } from '../../components/useModal'

/** "Harbour will lock in N seconds" with a way to stay unlocked, announced to screen readers. */
export function IdleWarningDialog({ secondsLeft, onStay }: { secondsLeft: number | null; onStay: () => void }) {
  const open = secondsLeft !== null
  const dialog = useModal(open)
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="idle-title" aria-describedby="idle-text" onCancel={onStay}>
      <h2 id="idle-title" className="heading-m">
        Harbour will lock soon
      </h2>
      <p id="idle-text" aria-live="polite">
        Nobody has used Harbour for a while. It will lock in {secondsLeft ?? 0} seconds to protect the records on screen.
      </p>
      <button type="button" className="button" onClick={onStay}>
        Stay unlocked
      </button>
    </dialog>
  )
}
