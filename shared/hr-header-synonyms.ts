import { importColumnNames, importColumns, type ImportColumn, type ImportMapping } from './contract/people-import'

/**
 * What HR systems call each of Harbour's import columns. Headers are compared without case,
 * spaces or punctuation ("Forename(s)", "FORENAMES" and "forenames" are one header), so each
 * spelling is listed once. Within a group the first match in the file wins, so the most
 * specific names come first (a file with "Employee Number" and "Assignment Number" is keyed
 * by the employee). No spelling may belong to two groups (tests/unit/hr-header-synonyms.test.ts).
 * Harbour's own column names and labels are added to every group below the table.
 */
const synonyms: Record<ImportColumn, string[]> = {
  // The person's number: payroll and personnel numbers (iTrent, Midland HR, a force's own
  // sheets), Oracle's person number, SAP's personnel number, ESR's employee number, and the
  // collar or warrant number an officer is known by.
  staff_number: [
    'Staff No',
    'Staff ID',
    'Staff Ref',
    'Staff Reference',
    'Employee Number',
    'Employee No',
    'Employee ID',
    'Employee Ref',
    'Emp No',
    'User/Employee ID',
    'Payroll Number',
    'Payroll No',
    'Payroll ID',
    'Personnel Number',
    'Personnel No',
    'Pers.No.',
    'Person Number',
    'Person Ref',
    'Person Reference',
    'Person ID',
    'Collar Number',
    'Collar No',
    'Warrant Number',
    'Warrant No',
    'Force Number',
    'Force No',
    'Service Number'
  ],
  // A title or, in police sheets, the rank shown in front of the name (PC, DS, Insp).
  title: ['Salutation', 'Form of Address', 'Prefix', 'Rank', 'Rank/Title'],
  // First names: SAP and Oracle say "first name", UK payroll systems "forename(s)".
  given_name: ['First Name', 'First Names', 'Forename', 'Forenames', 'Christian Name', 'Given Names'],
  family_name: ['Surname', 'Last Name', 'Lastname'],
  // The name someone goes by: "Known As" in iTrent, ESR and Oracle, "Nickname" in SAP.
  preferred_name: ['Known As', 'Preferred First Name', 'Preferred Forename', 'Nickname'],
  date_of_birth: ['DOB', 'Birth Date', 'Birthdate', 'Date Born'],
  // Officer, staff, special, PCSO or volunteer: each system has its own word for the category.
  employment_type: [
    'Staff Type',
    'Employee Type',
    'Staff Category',
    'Employee Category',
    'Employee Group',
    'Employee Class',
    'Worker Category',
    'Worker Type',
    'Person Type',
    'Staff Group',
    'Officer/Staff'
  ],
  // The post someone holds, matched against the role catalogue.
  role: ['Job Title', 'Job', 'Job Name', 'Job Role', 'Position', 'Position Title', 'Post', 'Post Title', 'Role Title', 'Force Role'],
  // Where they work: department, or the force's own unit of organisation.
  department: [
    'Dept',
    'Department Name',
    'Division',
    'Unit',
    'Org Unit',
    'Organisational Unit',
    'Organizational Unit',
    'Organisation Unit',
    'Organisation',
    'Organization',
    'Business Unit',
    'Command',
    'BCU',
    'Directorate'
  ],
  line_manager: [
    'Manager',
    'Manager Name',
    'Line Manager Name',
    'Supervisor',
    'Supervisor Name',
    'Supervisor Full Name',
    'Reports To',
    'Reporting Manager'
  ],
  email: ['Email Address', 'E-mail Address', 'Work Email', 'Work Email Address', 'Business Email', 'Email (Work)'],
  phone: [
    'Telephone',
    'Telephone Number',
    'Telephone No',
    'Phone Number',
    'Phone No',
    'Tel',
    'Tel No',
    'Work Phone',
    'Work Phone Number',
    'Work Telephone',
    'Work Telephone Number',
    'Business Phone',
    'Mobile',
    'Mobile Number',
    'Contact Number'
  ],
  // When they joined: hire (Oracle, SuccessFactors, ESR), entry (SAP), or joined/started.
  start_date: [
    'Date Started',
    'Date Joined',
    'Joined',
    'Joining Date',
    'Join Date',
    'Date of Joining',
    'Hire Date',
    'Date of Hire',
    'Latest Hire Date',
    'Entry Date',
    'Employment Start Date',
    'Service Start Date',
    'Appointment Date',
    'Date of Appointment'
  ],
  // When they left or will leave: "termination" in Oracle, SuccessFactors and ESR.
  leaving_date: [
    'Leave Date',
    'Date Left',
    'Date of Leaving',
    'Leaver Date',
    'Termination Date',
    'Actual Termination Date',
    'Employment End Date',
    'End Date'
  ]
}

/** A header without case, accents, spaces or punctuation; "#" reads as "number" ("Staff #"). */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^a-z0-9]/g, '')
}

/** Each column's spellings, normalised: Harbour's own name and label first, then the table. */
export const headerSynonyms: Record<ImportColumn, string[]> = Object.fromEntries(
  importColumns.map((column) => [column, [...new Set([column, importColumnNames[column], ...synonyms[column]].map(normaliseHeader))]])
) as Record<ImportColumn, string[]>

/** The column a header names, if any. */
export function columnForHeader(header: string): ImportColumn | null {
  const key = normaliseHeader(header)
  return importColumns.find((column) => headerSynonyms[column].includes(key)) ?? null
}

/** Maps each Harbour column to the file's header for it, by the table above; columns with none stay unmapped. */
export function autoMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const column of importColumns) {
    for (const synonym of headerSynonyms[column]) {
      const header = headers.find((h) => !used.has(h) && normaliseHeader(h) === synonym)
      if (header !== undefined) {
        mapping[column] = header
        used.add(header)
        break
      }
    }
  }
  return mapping
}
