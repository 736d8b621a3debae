/** Renders a shortcut such as "Ctrl+," as separate key caps. */
export function Kbd({ keys }: { keys: string }) {
  const parts = keys.split('+')
  return (
    <span className="kbd-group">
      {parts.map((part, index) => (
        <span key={`${part}-${index}`}>
          <kbd className="kbd">{part === '' ? '+' : part}</kbd>
          {index < parts.length - 1 ? <span aria-hidden="true">+</span> : null}
        </span>
      ))}
    </span>
  )
}
