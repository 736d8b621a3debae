import { useEffect, useRef, type ReactNode } from 'react'

/**
 * Says what was saved, and takes the focus so a keyboard user hears it. `savedKey` changes with
 * each save, so saving again is announced again.
 */
export function SavedMessage({ title, savedKey, level = 3, children }: { title: string; savedKey: string; level?: 3 | 4 | 5; children?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => box.current?.focus(), [savedKey])
  const Heading = `h${level}` as const
  return (
    <div className="notice notice--info" role="status" tabIndex={-1} ref={box}>
      <Heading className="notice__title">{title}</Heading>
      {children}
    </div>
  )
}
