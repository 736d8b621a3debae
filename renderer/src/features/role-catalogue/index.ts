/** The role catalogue feature's public surface: what other features and the app may import. */
export { RoleCatalogueScreen } from './RoleCatalogueScreen'
