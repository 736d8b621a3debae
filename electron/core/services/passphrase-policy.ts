import { newPassphraseProblem, type PassphraseOwner } from '../../../shared/passphrase'
import type { CoreContext } from '../context'
import { CoreError } from '../errors'
import { commonPasswordCheck } from '../store/common-passwords'

/**
 * A newly chosen passphrase, with the shared rules (shared/passphrase.ts), then, if it was
 * typed twice, that both match: the first problem, at its field. Every place a passphrase is
 * chosen (setup, adding a user, a reset, a change, recovery) checks it here. An administrator
 * choosing someone else's starting passphrase passes owner 'theirs'.
 */
export function checkNewPassphrase(
  core: CoreContext,
  passphrase: string,
  confirmation: string | undefined,
  username: string,
  {
    fields = { passphrase: 'passphrase', confirmation: 'confirmPassphrase' },
    owner = 'own'
  }: { fields?: { passphrase: string; confirmation: string }; owner?: PassphraseOwner } = {}
): void {
  const problem = newPassphraseProblem({ passphrase, confirmation, username, owner, isCommon: commonPasswordCheck(core.appRoot) })
  if (problem) throw new CoreError('invalid-input', `${problem.message}.`, [fields[problem.field]])
}
