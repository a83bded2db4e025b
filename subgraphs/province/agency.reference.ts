import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { asOf } from '../common/timeline';
import type { AgencyChange } from './agency-change.entity';
import type { Agency } from './agency.entity';
import { registers } from './register-memory';

/** Every agency a request asks for by code, from the registers kept in memory (register-memory.ts). */
export function agencyLoader(ctx: Context) {
  return ctx.loaders.one<string, Agency>(
    'province.agency',
    async (codes) => {
      const { agencies } = await registers(ctx);
      return codes.flatMap((code) => agencies.get(code) ?? []);
    },
    (agency) => agency.code,
  );
}

/** The histories of every agency a request reads, oldest change first, from memory. */
export function historyLoader(ctx: Context) {
  return ctx.loaders.many<string, AgencyChange>(
    'province.agency-history',
    async (codes) => {
      const { histories } = await registers(ctx);
      return codes.flatMap((code) => histories.get(code) ?? []);
    },
    (change) => change.agency.code,
  );
}

/** The agency as it stands at `at` (the request's time by default): the history entry in force then. */
export async function agencyState(ctx: Context, code: string, at: Date = ctx.now): Promise<AgencyChange> {
  const state = asOf(await historyLoader(ctx).load(code), at);
  if (!state) throw new Error(`Agency ${code} has no history.`);
  return state;
}

export const agencyReferences: ReferenceResolvers = {
  Agency: { __resolveReference: (reference: { code: string }, ctx: Context) => agencyLoader(ctx).load(reference.code) },
};
