/** What each result flag means, in the words the rules screen uses (never the code). */
export const flagNames: Record<string, string> = {
  'pcl5-probable-ptsd': 'PCL-5 provisional PTSD (total at or above the cut-off)',
  'pcl5-dsm5-criteria': 'PCL-5 meets the DSM-5 provisional diagnosis rule',
  'itq-ptsd': 'ITQ meets the criteria for PTSD',
  'itq-cptsd': 'ITQ meets the criteria for Complex PTSD',
  'auditc-positive': 'AUDIT-C positive',
  'pcptsd5-positive': 'PC-PTSD-5 positive',
  'iesr-probable-ptsd': 'IES-R probable PTSD (33 or more)'
}

export const flagName = (code: string) => flagNames[code] ?? 'A result flag Harbour does not recognise'
