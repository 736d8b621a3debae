export { ExportPersonRecordButton } from './PersonRecordExportDialog'
