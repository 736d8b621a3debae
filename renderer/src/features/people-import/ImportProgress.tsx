import type { ProgressUpdate } from '../../../../shared/contract/progress'

const count = (n: number) => n.toLocaleString('en-GB')

/** How far checking or saving has got, from the core's progress reports. */
export function ImportProgress({ progress }: { progress: ProgressUpdate | null }) {
  const saving = progress?.phase === 'saving' || progress?.phase === 'done'
  return (
    <div className="import-progress" role="status">
      <label htmlFor="import-progress">
        {saving ? 'Saving' : 'Checking every row'}
        {progress && progress.total ? `: ${count(progress.done)} of ${count(progress.total)}` : '…'}
      </label>
      <progress id="import-progress" max={progress?.total || 1} value={progress?.total ? progress.done : undefined} />
    </div>
  )
}
