import { useQuery } from '@tanstack/react-query'
import { call, messageFor } from '../../api'
import { Loading, Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SummaryList } from '../../components/SummaryList'

/** Version, where data is kept, and the licences of everything bundled with Harbour. */
export function AboutScreen() {
  const about = useQuery({ queryKey: ['about'], queryFn: () => call('about:info', {}) })

  return (
    <Page title="About Harbour" lead="Occupational health records for police forces, kept on this computer.">
      {about.isPending ? <Loading what="details" /> : null}
      {about.isError ? (
        <Notice tone="error" title="Harbour could not load these details">
          <p>{messageFor(about.error)}</p>
        </Notice>
      ) : null}
      {about.data ? (
        <>
          <section className="panel" aria-labelledby="version-heading">
            <h2 className="heading-m" id="version-heading">
              This copy of Harbour
            </h2>
            <SummaryList
              rows={[
                { key: 'Version', value: about.data.version },
                { key: 'Data folder', value: <code className="path">{about.data.dataFolder}</code> },
                { key: 'Platform', value: about.data.platform },
                { key: 'Electron', value: about.data.runtime.electron ?? 'Not running in Electron' },
                { key: 'Chromium', value: about.data.runtime.chrome ?? 'Not running in Electron' },
                { key: 'Node.js', value: about.data.runtime.node }
              ]}
            />
          </section>
          <section className="panel" aria-labelledby="privacy-heading">
            <h2 className="heading-m" id="privacy-heading">
              Privacy
            </h2>
            <p>
              Harbour works entirely offline. It makes no network connections, sends no usage data and checks for no updates. Records stay
              in the data folder above unless someone with the right role exports them.
            </p>
          </section>
          <section className="panel" aria-labelledby="licences-heading">
            <h2 className="heading-m" id="licences-heading">
              Bundled components
            </h2>
            <table className="table">
              <caption className="visually-hidden">Components bundled with Harbour and their licences</caption>
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Version</th>
                  <th scope="col">Licence</th>
                </tr>
              </thead>
              <tbody>
                {about.data.components.map((component) => (
                  <tr key={component.name}>
                    <td>{component.name}</td>
                    <td className="numeric">{component.version}</td>
                    <td>{component.licence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </Page>
  )
}
