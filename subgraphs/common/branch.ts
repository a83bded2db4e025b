import type { GraphClient } from './graph-client';

/**
 * A branch of a vertical agency (Chi cục Thuế, Chi nhánh Văn phòng Đăng ký đất đai) as the directory gives
 * it: its sector and its service area (địa bàn phục vụ), kept by the province's registers and read through
 * the graph. Its answer is the agency as it stands now, which a decision entered ahead of its date changes when
 * it takes effect, with no message then: kept until the province's feed shows a change (register-watch.ts)
 * and half a minute at the most.
 */

const BRANCH_COPY_MS = 30_000;

export interface Branch {
  code: string;
  sector: string | null;
  validTo: string | null;
  serviceArea: string[];
}

export async function branchOf(graph: GraphClient, code: string): Promise<Branch | null> {
  return graph.cached(`directory.branch.${code}`, BRANCH_COPY_MS, async () => {
    const { agency } = await graph.query<{ agency: { code: string; sector: string | null; validTo: string | null; serviceArea: Array<{ code: string }> } | null }>(
      `query ($code: ID!) { agency(code: $code) { code sector validTo serviceArea { code } } }`,
      { code },
    );
    return agency && { ...agency, serviceArea: agency.serviceArea.map((unit) => unit.code) };
  });
}

/** Whether a service area holds a unit: the unit itself, or the district it belongs to. */
export function servesUnit(area: readonly string[], unit: { code: string; parent: string | null }): boolean {
  return area.includes(unit.code) || (unit.parent !== null && area.includes(unit.parent));
}
