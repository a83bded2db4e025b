/** Saved operations the explorer opens with, one tab each. */
export const EXPLORER_EXAMPLES: Array<{ title: string; query: string; variables?: Record<string, unknown> }> = [
  {
    title: 'Agency across subgraphs',
    query: `# One query, four subgraphs: province (name, tier, parent), land (service area),
# local (unit names) and onestop (inbox; needs a token of the agency or a supervisor).
query Agency($code: ID!) {
  agency(code: $code) {
    name
    tier
    parent { name }
    serviceArea { name }
    inbox { totalCount }
  }
}`,
    variables: { code: 'BG.VPDKDD.YENTHE' },
  },
  {
    title: 'Agencies',
    query: `query Agencies($tier: AgencyTier, $sector: Sector) {
  agencies(tier: $tier, sector: $sector) { code name tier sector hasDesk parent { code } }
}`,
    variables: { tier: 'DISTRICT' },
  },
  {
    title: 'Procedures',
    query: `query Procedures($field: String) {
  procedures(field: $field) {
    code name field processingDays documents
    route { seq agencySelector agency { name } workingDays task }
  }
}`,
    variables: { field: 'Đất đai' },
  },
  {
    title: 'Administrative units',
    query: `query Units($parent: ID) {
  administrativeUnits(parent: $parent) { code name level committee { name } }
}`,
    variables: { parent: 'BG.YENTHE' },
  },
];
