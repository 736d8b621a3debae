import { Kbd } from '../components/Kbd'
import { useModal } from '../components/useModal'
import { shortcuts } from './shortcuts'

/** A native modal dialog: it traps focus, closes on Esc and returns focus where it was. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useModal(open)

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title" className="heading-m">
        Keyboard shortcuts
      </h2>
      <table className="table">
        <caption className="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <Kbd keys={shortcut.keys} />
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">On a Mac, use Cmd where this says Ctrl.</p>
      <button type="button" className="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  )
}
