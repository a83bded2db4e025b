import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPLORER_EXAMPLES } from '../../gateway/explorer/examples';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';

/** The registers' operations each have a saved example in the explorer, and the examples name real fields. */

const REGISTER_OPERATIONS: Record<string, string[]> = {
  Query: ['registrar', 'reorganizations', 'workingCalendar', 'officeHours'],
  Mutation: ['createAgency', 'amendAgency', 'closeAgency', 'reorganize', 'transferCompetence', 'publishProcedureVersion', 'setWorkingCalendar', 'setOfficeHours'],
};

/** The second wave's intake and endings (DESIGN.md, "Second wave"). */
const ENDING_OPERATIONS: Record<string, string[]> = { Mutation: ['submitDossier', 'refuseDossier', 'stopDossier', 'rateService', 'returnResult', 'receiveDossier'] };

describe('the explorer’s examples of the registers, intake and endings', () => {
  const supergraph = readFileSync(join(PROJECT_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  /** The root type's block of the composed schema, where every operation is a field. */
  const rootType = (type: string) => new RegExp(`\\ntype ${type}\\b[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(supergraph)?.[1] ?? '';

  it.each([REGISTER_OPERATIONS, ENDING_OPERATIONS].flatMap((operations) => Object.entries(operations)).flatMap(([type, fields]) => fields.map((field) => [type, field])))('include %s.%s, which the schema has', (type, field) => {
    expect(rootType(type)).toMatch(new RegExp(`\\n\\s+${field}[(:]`));
    expect(EXPLORER_EXAMPLES.some((example) => new RegExp(`\\b${field}\\s*[({]`).test(example.query))).toBe(true);
  });
});
