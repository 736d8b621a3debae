import { useState } from 'react'
import { RadioGroup } from '../../components/RadioGroup'
import { AuthLayout, footnotes } from './AuthLayout'
import { JoinTeamServerScreen } from './JoinTeamServerScreen'
import { SetupScreen } from './SetupScreen'

type Choice = 'this-computer' | 'team-server'

/**
 * The first time Harbour opens: keep records on this computer (an encrypted store of its own),
 * or work on the team's shared server. Each way then has its own screen, with a way back.
 */
export function FirstRunScreen({ onCreated, onDone }: { onCreated: () => void; onDone: () => void }) {
  const [choice, setChoice] = useState<Choice>('this-computer')
  const [chosen, setChosen] = useState<Choice | null>(null)
  if (chosen === 'this-computer') return <SetupScreen onCreated={onCreated} onDone={onDone} onBack={() => setChosen(null)} />
  if (chosen === 'team-server') return <JoinTeamServerScreen onBack={() => setChosen(null)} onJoined={onDone} />
  return (
    <AuthLayout title="Set up Harbour" footnote={footnotes.firstRun}>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          setChosen(choice)
        }}
      >
        <RadioGroup<Choice>
          legend="Where will this computer keep Harbour’s records?"
          name="first-run"
          value={choice}
          onChange={setChoice}
          options={[
            {
              value: 'this-computer',
              label: 'This computer only',
              hint: 'An encrypted store on this computer, for the people who sign in here. You become its first administrator.'
            },
            {
              value: 'team-server',
              label: 'Join a team server',
              hint: 'Your OH team shares one caseload on the force’s server. The IT team gives you its details and your username.'
            }
          ]}
        />
        <button type="submit" className="button">
          Continue
        </button>
      </form>
    </AuthLayout>
  )
}
