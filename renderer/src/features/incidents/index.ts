/** The incidents feature's public surface: what other features and the app may import. */
export { ExposurePanel } from './ExposurePanel'
export { IncidentsScreen } from './IncidentsScreen'
export { exposuresKey } from './keys'
