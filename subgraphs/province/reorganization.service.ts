import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Identity } from '../common/auth';
import { ConflictError } from '../common/errors';
import type { GraphClient } from '../common/graph-client';
import { recordMessage } from '../common/outbox';
import type { KnownUnit, UnitLevelCode } from '../common/unit-changes';
import { Problems } from '../common/validation';
import { AgencyChange } from './agency-change.entity';
import { Agency } from './agency.entity';
import { CompetenceMove } from './competence-move.entity';
import { ProvinceOutboxEvent } from './outbox.entity';
import { Procedure } from './procedure.entity';
import { Register, requireRegistrar, type ProvinceDeps } from './register';
import { RegistrarChange } from './registrar-change.entity';
import { planDecision, type PathOf, type Plan } from './reorganization.check';
import { cleanDecision } from './reorganization.clean';
import { Reorganization } from './reorganization.entity';
import type { ReorganizationInput } from './reorganization.input';
import type { Decision } from './reorganization.parts';

/**
 * Sắp xếp tổ chức: a dated decision applied whole, in one transaction: the register's history, the
 * closures and their successors, competence moves, the registrar, and one message (REORGANIZED) for the
 * subgraphs that follow: local applies the units' part, onestop sends the dossiers in flight after their
 * work and forgets what it kept of the directory.
 */

/** The administrative units as the local subgraph has them, read through the graph (public). */
export async function unitsFromGraph(graph: GraphClient): Promise<Map<string, KnownUnit>> {
  const { administrativeUnits } = await graph.query<{
    administrativeUnits: Array<{ code: string; level: UnitLevelCode; validFrom: string | null; validTo: string | null }>;
  }>(`{ administrativeUnits { code level validFrom validTo } }`);
  return new Map(administrativeUnits.map((unit) => [unit.code, unit]));
}

export interface ApplyOptions {
  actor: Identity;
  now: Date;
  units: ReadonlyMap<string, KnownUnit>;
  /** How the problems of the parts are named (a one-part decision names them after its own input). */
  pathOf?: PathOf;
  /** A one-part decision's own names for its fields (closeAgency's `successor` for the closure's first successor). */
  fieldName?: (field: string) => string;
}

/** Problems named as the caller's input names its fields. */
class NamedProblems extends Problems {
  constructor(private readonly nameOf: (field: string) => string) {
    super();
  }

  override add(field: string, message: string): void {
    super.add(this.nameOf(field), message);
  }
}

/** The decision, checked whole against the register as it stands and applied; BAD_USER_INPUT writes nothing. */
export function applyDecision(em: EntityManager, decision: Decision, options: ApplyOptions): Promise<Reorganization> {
  return em.transactional(async (tx) => {
    // One decision at a time: each is checked against the register its predecessor left.
    await tx.execute(`select pg_advisory_xact_lock(hashtext('mot-cua-hub:province-register'))`);
    const id = decision.id ?? randomUUID();
    if (decision.id && (await tx.count(Reorganization, { id }))) throw new ConflictError(`Decision ${id} is already in the register.`, { decision: id });
    const register = await Register.load(tx);
    const procedures = await tx.find(Procedure, {});
    const problems = options.fieldName ? new NamedProblems(options.fieldName) : new Problems();
    const plan = planDecision(decision, register, options.units, new Map(procedures.map((procedure) => [procedure.code, procedure])), problems, options.pathOf);
    problems.throwIfAny();
    const reorganization = new Reorganization({
      id,
      effectiveAt: decision.effectiveAt,
      reason: decision.reason,
      source: decision.source,
      parts: decision.parts,
      recordedAt: options.now,
      recordedBy: options.actor.name,
    });
    tx.persist(reorganization);
    write(tx, register, plan, decision, id, options);
    for (const move of plan.competence) {
      const procedure = procedures.find((candidate) => candidate.code === move.procedure)!;
      procedure.competenceMoves = [...procedure.competenceMoves, new CompetenceMove({ from: move.from, to: move.to, effectiveAt: decision.effectiveAt, reason: decision.reason })];
    }
    if (plan.registrar) {
      tx.persist(
        new RegistrarChange({ agencyCode: plan.registrar, effectiveAt: decision.effectiveAt, reason: decision.reason, source: decision.source, decision: id, recordedAt: options.now, recordedBy: options.actor.name }),
      );
    }
    recordMessage(tx, ProvinceOutboxEvent, options.actor, 'REORGANIZED', null, message(register, plan, decision, id), options.now);
    return reorganization;
  });
}

function write(em: EntityManager, register: Register, plan: Plan, decision: Decision, id: string, options: ApplyOptions): void {
  const at = decision.effectiveAt;
  const rows = new Map(register.agencies);
  for (const created of plan.created) {
    const agency = new Agency({ code: created.code, sector: created.sector, validFrom: at });
    em.persist(agency);
    rows.set(created.code, agency);
  }
  const seqs = new Map<string, number>();
  for (const change of plan.changes) {
    const seq = (seqs.get(change.code) ?? register.history.get(change.code)?.length ?? 0) + 1;
    seqs.set(change.code, seq);
    em.persist(
      new AgencyChange({
        agency: rows.get(change.code)!,
        seq,
        kind: change.kind,
        effectiveAt: at,
        ...change.state,
        successors: change.successors,
        reason: decision.reason,
        source: change.source,
        decision: id,
        recordedAt: options.now,
        recordedBy: options.actor.name,
      }),
    );
  }
  for (const closed of plan.closed) {
    const agency = rows.get(closed.code)!;
    agency.validTo = at;
    agency.successor = rows.get(closed.successors[0].agency)!;
  }
}

/** What the following subgraphs need, with the names of the day so that history prints them. */
function message(register: Register, plan: Plan, decision: Decision, id: string): Record<string, unknown> {
  const at = decision.effectiveAt;
  const planned = new Map(plan.changes.map((change) => [change.code, change.state.name]));
  const nameOf = (code: string) => planned.get(code) ?? register.stateAt(code, at)?.name ?? code;
  return {
    decision: id,
    effectiveAt: at.toISOString(),
    reason: decision.reason,
    source: decision.source,
    closures: plan.closed.map((closed) => ({
      agency: closed.code,
      agencyName: nameOf(closed.code),
      successors: closed.successors.map((successor) => ({ agency: successor.agency, name: nameOf(successor.agency), area: successor.area })),
    })),
    competence: plan.competence.map((move) => ({ procedure: move.procedure, from: move.from, fromName: nameOf(move.from), to: move.to, toName: nameOf(move.to) })),
    units: decision.parts.units,
    changed: [...new Set(plan.changes.map((change) => change.code))],
  };
}

/** `reorganize`: the registrar's SUPERVISOR enters one decision. */
export async function reorganize(deps: ProvinceDeps, input: ReorganizationInput): Promise<Reorganization> {
  const actor = await requireRegistrar(deps);
  const problems = new Problems();
  const decision = cleanDecision(problems, input, deps.now);
  problems.throwIfAny();
  return applyDecision(deps.em, decision, { actor, now: deps.now, units: await unitsFromGraph(deps.graph) });
}
