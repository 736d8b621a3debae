import { useId } from 'react'

const shown = 200

export interface ListedProblem {
  /** The file's line, or null for a problem with the column mapping. */
  line: number | null
  message: string
  /** Whose row it is (staff number and name), when the file gives them. */
  person?: string | undefined
}

/** Where a problem is: its line and whose row it is, or the column mapping. */
export function problemPlace(problem: ListedProblem): string {
  if (problem.line === null) return 'Column mapping'
  return problem.person ? `Line ${problem.line} (${problem.person})` : `Line ${problem.line}`
}

/**
 * Every problem an import found, by line and person, and the promise that nothing was saved.
 * The core lists the first few hundred and counts the rest (`more`), so a bad file gives a
 * short report.
 */
export function ImportProblems({ problems, more = 0 }: { problems: ListedProblem[]; more?: number }) {
  const id = useId()
  const total = problems.length + more
  const listed = Math.min(shown, problems.length)
  return (
    <div className="error-summary" role="alert" aria-labelledby={id}>
      <h3 className="error-summary__title" id={id}>
        {total.toLocaleString('en-GB')} {total === 1 ? 'problem' : 'problems'} to fix. Nothing has been imported.
      </h3>
      <ul className="problem-list">
        {problems.slice(0, listed).map((problem, index) => (
          <li key={index}>
            {problemPlace(problem)}: {problem.message}
          </li>
        ))}
      </ul>
      {total > listed ? <p>And {(total - listed).toLocaleString('en-GB')} more. Fix these first, then check again.</p> : null}
    </div>
  )
}
