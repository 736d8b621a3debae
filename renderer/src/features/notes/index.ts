/** The notes feature's public surface: a case's contact notes, adding one and amending one. */
export { AddNoteForm, NotesList, notesKey } from './NotesList'
