import { formatCalendarDate } from '../../../../shared/calendar-date'
import type { TrimAssessment } from '../../../../shared/contract/trim'
import { assessmentKindLabels, assessmentOutcomeLabels } from '../../../../shared/trim/assessment'
import { Notice } from '../../components/Notice'

/** One recorded assessment: score, outcome and, when it prompted a referral, who was asked. */
export function AssessmentSummary({ assessment, children }: { assessment: TrimAssessment; children?: React.ReactNode }) {
  return (
    <div className="trim-assessment">
      <h3 className="heading-s">
        {assessmentKindLabels[assessment.kind]}, {formatCalendarDate(assessment.assessedOn)}
      </h3>
      <p>
        Score {assessment.score}:{' '}
        {assessment.factorsPresent.length === 0 ? 'no risk factors present' : assessment.factorsPresent.map((f) => f.name).join('; ')}.
        Outcome: {assessmentOutcomeLabels[assessment.outcome].toLowerCase()}.
        {assessment.persistentDifficulty === null ? '' : ` Persistent difficulty: ${assessment.persistentDifficulty ? 'yes' : 'no'}.`}{' '}
        Recorded by {assessment.assessedByName}.
      </p>
      {assessment.prompt?.answered ? (
        <p>
          <strong>Referral suggested and made.</strong> {assessment.prompt.answered}
        </p>
      ) : assessment.prompt ? (
        <Notice tone="info" title="A referral is suggested">
          <p>{assessment.prompt.sentence}</p>
          {children}
        </Notice>
      ) : null}
    </div>
  )
}
