import { useEffect, useRef, type ReactNode } from 'react'

/**
 * Says what was saved, and takes the focus so a keyboard user hears it. `savedKey` changes with
 * each save, so saving again is announced again. A save that needs action (a red result) is a
 * `warning`: styled so, and announced as an alert rather than a quiet status.
 */
export function SavedMessage({
  title,
  savedKey,
  level = 3,
  tone = 'info',
  children
}: {
  title: string
  savedKey: string
  level?: 3 | 4 | 5
  tone?: 'info' | 'warning'
  children?: ReactNode
}) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [savedKey])
  const Heading = `h${level}` as const
  return (
    <div className={`notice notice--${tone}`} role={tone === 'warning' ? 'alert' : 'status'} tabIndex={-1} ref={box}>
      <Heading className="notice__title">{title}</Heading>
      {children}
    </div>
  )
}
