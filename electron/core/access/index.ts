/**
 * Need-to-know: who may see which person, applied on every path (lists, records, imports,
 * exports). Services take the rules from here; who may call which channel at all is the
 * contract's (shared/contract/access.ts). See docs/architecture.md, "Where each kind of rule lives".
 */
export { personVisibleTo, visibleTo } from './visibility'
export {
  canSeePerson,
  missingOrRefused,
  missingPersonOrRefused,
  refuseRestrictedPerson,
  requirePersonAccess,
  type PersonTable
} from './person'
export { auditImportRefused, hiddenPeopleByStaffNumber } from './imports'
export { requireTrimOfferAccess } from './trim'
