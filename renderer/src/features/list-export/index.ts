export { ExportListButton } from './ListExportDialog'
