import type { MenuCommand } from '../../../shared/contract/menu'

export interface Shortcut {
  keys: string
  description: string
  /** The same command the native menu sends, so both routes do one thing. */
  command?: MenuCommand
  matches?: (event: KeyboardEvent) => boolean
}

const primary = (event: KeyboardEvent) => event.ctrlKey || event.metaKey

/** Harbour's keyboard shortcuts: shown in the shortcuts dialog and handled in the page. */
export const shortcuts: Shortcut[] = [
  {
    keys: 'Ctrl+Shift+H',
    description: 'Go to the home screen',
    command: 'go-home',
    matches: (e) => primary(e) && e.shiftKey && e.key.toLowerCase() === 'h'
  },
  {
    keys: 'Ctrl+,',
    description: 'Open settings',
    command: 'go-settings',
    matches: (e) => primary(e) && e.key === ','
  },
  {
    keys: 'Ctrl+K',
    description: 'Find a person by name or staff number',
    command: 'find-person',
    matches: (e) => primary(e) && e.key.toLowerCase() === 'k'
  },
  {
    keys: 'Ctrl+L',
    description: 'Lock Harbour',
    command: 'lock',
    matches: (e) => primary(e) && !e.shiftKey && e.key.toLowerCase() === 'l'
  },
  {
    keys: 'Ctrl+P',
    description: 'Print (a list prints every row, not only the page on screen)',
    command: 'print',
    matches: (e) => primary(e) && !e.shiftKey && e.key.toLowerCase() === 'p'
  },
  { keys: 'F1', description: 'Show keyboard shortcuts', command: 'show-shortcuts', matches: (e) => e.key === 'F1' },
  { keys: 'Ctrl+=', description: 'Make everything larger' },
  { keys: 'Ctrl+-', description: 'Make everything smaller' },
  { keys: 'Ctrl+0', description: 'Reset the size' },
  { keys: 'Tab', description: 'Move to the next control' },
  { keys: 'Esc', description: 'Close a dialog' }
]
