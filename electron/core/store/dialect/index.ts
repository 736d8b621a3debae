export type { Dialect } from './dialect'
export { sqliteDialect } from './sqlite'
export { postgresDialect } from './postgres'
export { countWhere, isDuplicateKey } from './portable'
