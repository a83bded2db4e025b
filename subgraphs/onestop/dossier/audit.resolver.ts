import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { requireRole } from '../../common/roles';
import { auditRecord } from './audit';
import { AuditReport } from './audit-report.types';

@Resolver(() => AuditReport)
export class AuditResolver {
  @Query(() => AuditReport, { description: 'SUPERVISOR: verifies every dossier’s record and names the first broken one (also `npm run audit`).' })
  async auditCheck(@Ctx() ctx: Context): Promise<AuditReport> {
    requireRole(ctx.actor, ['SUPERVISOR'], 'Only a SUPERVISOR runs the audit of the record.');
    const result = await auditRecord(ctx.em, ctx.now);
    return Object.assign(new AuditReport(), { ...result, intact: result.broken === 0 });
  }
}
