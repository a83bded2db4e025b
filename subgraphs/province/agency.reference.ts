import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { asOf } from '../common/timeline';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';

/** One query for every agency a request asks for by code. */
export function agencyLoader(ctx: Context) {
  return ctx.loaders.one<string, Agency>(
    'province.agency',
    (codes) => ctx.em.find(Agency, { code: { $in: [...codes] } }),
    (agency) => agency.code,
  );
}

/** One query for the histories of every agency a request reads, oldest change first. */
export function historyLoader(ctx: Context) {
  return ctx.loaders.many<string, AgencyChange>(
    'province.agency-history',
    (codes) => ctx.em.find(AgencyChange, { agency: { $in: [...codes] } }, { orderBy: { agency: 'asc', seq: 'asc' } }),
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
