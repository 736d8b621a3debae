import type { CallContext } from '../context'
import type { SessionControls } from '../store/session'

/**
 * Work that falls due with the passing of days rather than with a write (referral chasers):
 * Harbour has no background jobs, so the first read that needs it in each signed-in session, and
 * again on each new day, does it. Later reads the same day skip it without touching the store.
 * Forgotten when the store locks, so signing in always brings it up to date.
 */
const doneOn = new WeakMap<SessionControls, Map<string, string>>()

function jobsOf(session: SessionControls): Map<string, string> {
  let jobs = doneOn.get(session)
  if (!jobs) {
    const created = new Map<string, string>()
    session.onChange((state) => {
      if (state === 'locked') created.clear()
    })
    doneOn.set(session, created)
    jobs = created
  }
  return jobs
}

/** Runs `work` unless it already ran today in this session; `today` is the core's calendar date. */
export async function onceADay(call: CallContext, job: string, today: string, work: () => Promise<unknown>): Promise<void> {
  const jobs = jobsOf(call.session)
  if (jobs.get(job) === today) return
  await work()
  // Only once it has succeeded: a failed run is tried again on the next read.
  jobs.set(job, today)
}
