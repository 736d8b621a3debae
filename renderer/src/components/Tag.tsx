import type { ReactNode } from 'react'

export type TagColour = 'blue' | 'green' | 'yellow' | 'red' | 'grey' | 'purple'

/** A status tag: the words carry the meaning, the colour only supports it. */
export function Tag({ colour = 'blue', children }: { colour?: TagColour; children: ReactNode }) {
  return <span className={`tag tag--${colour}`}>{children}</span>
}
