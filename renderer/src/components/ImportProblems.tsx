import { useId } from 'react'

const shown = 200

/**
 * Every problem an import found, by line, and the promise that nothing was saved. The core
 * lists the first few hundred and counts the rest (`more`), so a bad file gives a short report.
 */
export function ImportProblems({ problems, more = 0 }: { problems: { line: number; message: string }[]; more?: number }) {
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
            Line {problem.line}: {problem.message}
          </li>
        ))}
      </ul>
      {total > listed ? <p>And {(total - listed).toLocaleString('en-GB')} more. Fix these first, then check again.</p> : null}
    </div>
  )
}
