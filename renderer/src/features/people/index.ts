/** The people feature's public surface: what other features and the app may import. */
export { EditPersonScreen, NewPersonScreen } from './PersonForm'
export { PersonScreen } from './PersonScreen'
export { PersonSearchDialog } from './PersonSearchDialog'
