import type { GraphClient } from './graph-client';
import { UNTIL_CHANGED } from './register-watch';

/**
 * A branch of a vertical agency (Chi cục Thuế, Chi nhánh Văn phòng Đăng ký đất đai) as the directory gives
 * it: its sector and its service area (địa bàn phục vụ), kept by the province's registers and read through
 * the graph, kept until the province's feed shows a change (register-watch.ts).
 */

export interface Branch {
  code: string;
  sector: string | null;
  validTo: string | null;
  serviceArea: string[];
}

export async function branchOf(graph: GraphClient, code: string): Promise<Branch | null> {
  return graph.cached(`directory.branch.${code}`, UNTIL_CHANGED, async () => {
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
