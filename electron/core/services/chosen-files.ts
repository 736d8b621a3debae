import { randomUUID } from 'node:crypto'
import { basename } from 'node:path'
import type { CallContext } from '../context'
import { CoreError } from '../errors'
import type { SessionControls } from '../store/session'

/**
 * Files chosen in the native dialog, by token: the window never names a path itself. A token
 * belongs to the user who chose the file and lasts until the store locks, so after a lock or a
 * change of user it no longer reaches the file (imports hold people's details).
 */
const chosen = new WeakMap<SessionControls, Map<string, { path: string; userId: string }>>()

function filesOf(session: SessionControls): Map<string, { path: string; userId: string }> {
  let files = chosen.get(session)
  if (!files) {
    const created = new Map<string, { path: string; userId: string }>()
    session.onChange((state) => {
      if (state === 'locked') created.clear()
    })
    chosen.set(session, created)
    files = created
  }
  return files
}

export function registerChosenFile(call: CallContext, path: string): { token: string; fileName: string } {
  const token = randomUUID()
  filesOf(call.session).set(token, { path, userId: call.user.id })
  return { token, fileName: basename(path) }
}

/** The path behind a token from the file dialog, for the user who chose it. */
export function chosenFilePath(call: CallContext, token: string): string {
  const file = filesOf(call.session).get(token)
  if (!file || file.userId !== call.user.id) throw new CoreError('not-found', 'Choose the file again: Harbour no longer has it open.')
  return file.path
}
