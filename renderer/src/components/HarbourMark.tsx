/** Harbour's mark: a lighthouse over a harbour wall. Decorative; the name is beside it. */
export function HarbourMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="7" className="mark__tile" />
      <path d="M13 9h6l1.5 14h-9z" className="mark__tower" />
      <path d="M12.5 6.5h7V9h-7z" className="mark__lamp" />
      <path d="M5 25.5c2.5 0 2.5-1.5 5-1.5s2.5 1.5 5 1.5 2.5-1.5 5-1.5 2.5 1.5 5 1.5 2-1 2-1" className="mark__wave" />
    </svg>
  )
}
