import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../electron/core/store/migrate'
import { rawStore } from '../fixtures/raw-store'
import { useTempFolders } from '../fixtures/temp-folder'

const tempFolder = useTempFolders()

/**
 * Tables the migrations create that have no Kysely type: SQLite's own, and the FTS5 name index
 * `people_search` with its shadow tables, which only the text-search SQL in people-search.ts reads.
 */
const notInTypes = /^(sqlite_|people_search(_config|_data|_docsize|_idx)?$)/

/**
 * Generated columns SQLite reports as nullable (it cannot know) whose expressions never give null,
 * so their types rightly leave null out.
 */
const generatedNeverNull = new Set([
  'people.surname_key', // substr() of search_key, which is NOT NULL
  'screening_follow_ups.severity' // CASE with an ELSE
])

interface DatabaseColumn {
  name: string
  type: string
  notNull: boolean
  hasDefault: boolean
  primaryKey: boolean
  generated: boolean
}

interface TypedColumn {
  name: string
  /** What a select returns, as the members of its union. */
  select: string[]
  /** What an insert accepts, or 'never' when the column cannot be written. */
  insert: string[]
  optionalOnInsert: boolean
}

/** The columns each table has in a database migrated to the latest version. */
function migratedTables(): Map<string, DatabaseColumn[]> {
  const store = rawStore(tempFolder())
  const db = store.open()
  migrate(db)
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  const tables = new Map<string, DatabaseColumn[]>()
  for (const { name } of names) {
    const columns = db.prepare(`SELECT * FROM pragma_table_xinfo(?)`).all(name) as {
      name: string
      type: string
      notnull: number
      dflt_value: string | null
      pk: number
      hidden: number
    }[]
    tables.set(
      name,
      columns
        .filter((column) => column.hidden !== 1)
        .map((column) => ({
          name: column.name,
          type: column.type.toUpperCase(),
          notNull: column.notnull === 1,
          hasDefault: column.dflt_value !== null,
          primaryKey: column.pk > 0,
          generated: column.hidden === 2 || column.hidden === 3
        }))
    )
  }
  db.close()
  return tables
}

/** The table types Kysely is given (HarbourDatabase), read with the TypeScript compiler. */
function typedTables(): Map<string, TypedColumn[]> {
  const schemaFile = join(__dirname, '../../electron/core/store/schema.ts')
  const program = ts.createProgram([schemaFile], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(schemaFile)
  if (!source) throw new Error('schema.ts not found')
  const database = checker.getSymbolAtLocation(source)?.exports?.get(ts.escapeLeadingUnderscores('HarbourDatabase'))
  if (!database) throw new Error('HarbourDatabase is not exported from schema.ts')
  const members = (type: ts.Type): string[] => (type.isUnion() ? type.types : [type]).map((member) => checker.typeToString(member))
  const tables = new Map<string, TypedColumn[]>()
  for (const table of checker.getDeclaredTypeOfSymbol(database).getProperties()) {
    const tableType = checker.getTypeOfSymbol(table)
    tables.set(
      table.name,
      tableType.getProperties().map((column) => {
        const columnType = checker.getTypeOfSymbol(column)
        // Kysely's ColumnType<S, I, U> (and Generated<T>) is an object with phantom __select__ and __insert__ members.
        const selectSymbol = columnType.getProperty('__select__')
        const insertSymbol = columnType.getProperty('__insert__')
        const select = selectSymbol ? members(checker.getTypeOfSymbol(selectSymbol)) : members(columnType)
        const insert = insertSymbol ? members(checker.getTypeOfSymbol(insertSymbol)) : select
        return { name: column.name, select, insert, optionalOnInsert: insert.includes('undefined') }
      })
    )
  }
  return tables
}

/** Whether a select type's members fit the column's SQLite storage class. */
function fitsStorage(select: string[], sqliteType: string): boolean {
  const values = select.filter((member) => member !== 'null')
  if (sqliteType === 'TEXT') return values.every((member) => member === 'string' || /^".*"$/.test(member))
  if (sqliteType === 'INTEGER' || sqliteType === 'REAL')
    return values.every((member) => member === 'number' || /^-?\d+(\.\d+)?$/.test(member))
  return false
}

/** Every way the typed tables differ from the database's, in words. */
function differences(types: Map<string, TypedColumn[]>, database: Map<string, DatabaseColumn[]>): string[] {
  const problems: string[] = []
  for (const table of types.keys()) if (!database.has(table)) problems.push(`${table}: typed but not in the database`)
  for (const table of database.keys())
    if (!types.has(table) && !notInTypes.test(table)) problems.push(`${table}: in the database but has no type`)
  for (const [table, typedColumns] of types) {
    const columns = database.get(table)
    if (!columns) continue
    const typedNames = typedColumns.map((column) => column.name).sort()
    const columnNames = columns.map((column) => column.name).sort()
    if (typedNames.join() !== columnNames.join())
      problems.push(`${table}: typed [${typedNames.join(', ')}] but the database has [${columnNames.join(', ')}]`)
    for (const typed of typedColumns) {
      const column = columns.find((candidate) => candidate.name === typed.name)
      if (!column) continue
      const where = `${table}.${typed.name}`
      if (!fitsStorage(typed.select, column.type)) problems.push(`${where}: typed ${typed.select.join(' | ')} for a ${column.type} column`)
      const nullable = !column.notNull && !column.primaryKey && !generatedNeverNull.has(where)
      if (typed.select.includes('null') !== nullable)
        problems.push(`${where}: typed ${nullable ? 'without' : 'with'} null, but the column is ${nullable ? 'nullable' : 'NOT NULL'}`)
      if (column.generated && !(typed.insert.length === 1 && typed.insert[0] === 'never'))
        problems.push(`${where}: SQLite generates this column, so its type must refuse inserts (ColumnType<…, never, never>)`)
      if (!column.generated && typed.insert.includes('never'))
        problems.push(`${where}: typed as never written, but it is an ordinary column`)
      if (typed.optionalOnInsert && column.notNull && !column.hasDefault)
        problems.push(`${where}: optional on insert (Generated) but NOT NULL with no default, so leaving it out fails`)
    }
  }
  return problems
}

describe('table types match what the migrations create', () => {
  const database = migratedTables()
  const types = typedTables()

  it('every table, column, storage class, nullability and insert rule agrees', () => {
    expect(types.size).toBeGreaterThan(10)
    expect(differences(types, database)).toEqual([])
  })

  it('reports each kind of mismatch', () => {
    const people = types.get('people') ?? []
    const changed = new Map(types)
    changed.set('people', [
      ...people.filter((column) => !['given_name', 'title', 'surname_key', 'restricted', 'search_key'].includes(column.name)),
      { name: 'given_name', select: ['number'], insert: ['number'], optionalOnInsert: false },
      { name: 'title', select: ['string'], insert: ['string'], optionalOnInsert: false },
      { name: 'surname_key', select: ['string'], insert: ['string'], optionalOnInsert: false },
      { name: 'restricted', select: ['0', '1'], insert: ['0', '1', 'undefined'], optionalOnInsert: true },
      { name: 'invented', select: ['string'], insert: ['string'], optionalOnInsert: false }
    ])
    changed.set('imaginary', [])
    changed.delete('tasks')
    const problems = differences(changed, database)
    expect(problems).toContain('imaginary: typed but not in the database')
    expect(problems).toContain('tasks: in the database but has no type')
    expect(problems.some((problem) => problem.startsWith('people: typed ['))).toBe(true)
    expect(problems).toContain('people.given_name: typed number for a TEXT column')
    expect(problems).toContain('people.title: typed without null, but the column is nullable')
    expect(problems).toContain(
      'people.surname_key: SQLite generates this column, so its type must refuse inserts (ColumnType<…, never, never>)'
    )
    expect(problems.filter((problem) => problem.startsWith('people.restricted'))).toEqual(
      database.get('people')?.find((column) => column.name === 'restricted')?.hasDefault
        ? []
        : ['people.restricted: optional on insert (Generated) but NOT NULL with no default, so leaving it out fails']
    )
    expect(fitsStorage(['0', '1'], 'INTEGER')).toBe(true)
    expect(fitsStorage(['"open"', '"done"'], 'TEXT')).toBe(true)
  })
})
