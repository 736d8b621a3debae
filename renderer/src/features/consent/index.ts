/** The consent feature's public surface: what other features and the app may import. */
export { ConsentPanel } from './ConsentPanel'
export { consentKey } from './keys'
