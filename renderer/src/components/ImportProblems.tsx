import { useId } from 'react'

const shown = 200

/** Every problem an import found, by line, and the promise that nothing was saved. */
export function ImportProblems({ problems }: { problems: { line: number; message: string }[] }) {
  const id = useId()
  return (
    <div className="error-summary" role="alert" aria-labelledby={id}>
      <h3 className="error-summary__title" id={id}>
        {problems.length} {problems.length === 1 ? 'problem' : 'problems'} to fix. Nothing has been imported.
      </h3>
      <ul className="problem-list">
        {problems.slice(0, shown).map((problem, index) => (
          <li key={index}>
            Line {problem.line}: {problem.message}
          </li>
        ))}
      </ul>
      {problems.length > shown ? <p>And {problems.length - shown} more. Fix these first, then check again.</p> : null}
    </div>
  )
}
