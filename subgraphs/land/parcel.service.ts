import { LockMode } from '@mikro-orm/core';
import type { Identity } from '../common/auth';
import type { Context } from '../common/context';
import { requireHeldDossier } from '../common/dossier-holder';
import { REGISTER_COPY_MS } from '../common/register-watch';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { recordMessage } from '../common/outbox';
import { requireRole } from '../common/roles';
import { Problems, requiredText } from '../common/validation';
import { LandRegistration } from './land-registration.entity';
import { LandOutboxEvent } from './outbox.entity';
import { Parcel } from './parcel.entity';
import { ParcelHolding } from './parcel-holding.entity';
import { branchOf, servesUnit } from '../common/branch';

export type LandDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;

export interface ParcelKey {
  mapSheet: number;
  number: number;
  commune: string;
}

const AREA = /^\d{1,12}(\.\d{1,2})?$/;

/** m² as the register writes it: two decimals ("152.5" → "152.50"). */
function normalizeArea(area: string): string {
  const [whole, fraction = ''] = area.split('.');
  return `${BigInt(whole)}.${fraction.padEnd(2, '0')}`;
}

const requireLandOfficer = (actor: Identity | null) => requireRole(actor, ['PROCESSOR', 'SYSTEM'], 'Only a land branch’s PROCESSOR or system does this.');

function cleanKey(problems: Problems, key: ParcelKey | null | undefined, field: string): ParcelKey {
  if (!key || !Number.isInteger(key.mapSheet) || key.mapSheet < 1) problems.add(`${field}.mapSheet`, 'must be a whole number from 1');
  if (!key || !Number.isInteger(key.number) || key.number < 1) problems.add(`${field}.number`, 'must be a whole number from 1');
  const commune = requiredText(problems, `${field}.commune`, key?.commune, 100);
  return { mapSheet: key?.mapSheet ?? 0, number: key?.number ?? 0, commune };
}

/** A commune and its district (none since the district tier ended), from the local subgraph (public, kept until the local subgraph's feed shows a change: register-watch.ts). */
async function communeOf(deps: LandDeps, commune: string): Promise<{ code: string; parent: string | null } | null> {
  const { administrativeUnit } = await deps.graph.cached(`unit.${commune}`, REGISTER_COPY_MS, () =>
    deps.graph.query<{ administrativeUnit: { level: string; validTo: string | null; parent: { code: string } | null } | null }>(
      `query ($code: ID!) { administrativeUnit(code: $code) { level validTo parent { code } } }`,
      { code: commune },
    ),
  );
  if (!administrativeUnit || administrativeUnit.level !== 'COMMUNE') return null;
  return { code: commune, parent: administrativeUnit.parent?.code ?? null };
}

/** A land branch works only on parcels of the communes its service area covers (the commune, or its district). */
async function assertInArea(deps: LandDeps, branch: string, commune: string, field: string): Promise<void> {
  const unit = await communeOf(deps, commune);
  if (!unit) throw new BadUserInputError(`${commune} is not a commune.`, { fields: { [field]: 'not a commune' } });
  if (!servesUnit((await branchOf(deps.graph, branch))?.serviceArea ?? [], unit)) {
    throw new BadUserInputError(`${commune} lies outside the service area of ${branch}.`, { fields: { [field]: 'outside the branch’s service area' } });
  }
}

async function assertLandBranch(deps: LandDeps, actor: Identity): Promise<void> {
  if ((await branchOf(deps.graph, actor.agency))?.sector !== 'LAND') {
    throw new ForbiddenError('Only a land registry branch does this.');
  }
}

export async function registerParcel(
  deps: LandDeps,
  input: ParcelKey & { area: string; address: string; purpose: string; holder: string },
): Promise<Parcel> {
  const actor = requireLandOfficer(deps.actor);
  const problems = new Problems();
  const key = cleanKey(problems, input, 'input');
  if (!AREA.test(input.area ?? '') || Number(input.area) <= 0) problems.add('input.area', 'must be a positive decimal of m², such as "152.5"');
  const address = requiredText(problems, 'input.address', input.address, 500);
  const purpose = requiredText(problems, 'input.purpose', input.purpose, 200);
  const holder = requiredText(problems, 'input.holder', input.holder, 200);
  problems.throwIfAny();
  await assertLandBranch(deps, actor);
  await assertInArea(deps, actor.agency, key.commune, 'input.commune');
  return deps.em.transactional(async (em) => {
    const existing = await em.findOne(Parcel, { mapSheet: key.mapSheet, number: key.number, communeCode: key.commune });
    if (existing) throw new ConflictError(`Parcel ${key.number} of map sheet ${key.mapSheet} in ${key.commune} is already registered.`);
    const parcel = new Parcel({ ...key, communeCode: key.commune, area: normalizeArea(input.area), address, purpose, holder, branchCode: actor.agency, registeredAt: deps.now });
    parcel.holdings.add(new ParcelHolding({ parcel, holder, since: deps.now }));
    em.persist(parcel);
    return parcel;
  });
}

/** What the transfer needs to know of its dossier besides whose hands it is in. */
interface TransferFacts {
  currentLeg: number;
  legs: Array<{ seq: number }>;
  taxNotices: Array<{ number: string; paid: boolean }>;
}

/**
 * Đăng ký biến động by the land branch that holds a transfer dossier at its last leg, once every tax notice
 * is paid: the parcel changes holder (the previous one kept), and the registration's event records the
 * dossier's result as APPROVED, which sends it back to its desk.
 */
export async function recordLandTransfer(
  deps: LandDeps,
  input: { dossier: string; parcel: ParcelKey; transferee: string; certificateNumber: string },
): Promise<LandRegistration> {
  const actor = requireLandOfficer(deps.actor);
  const problems = new Problems();
  const dossierCode = requiredText(problems, 'input.dossier', input.dossier, 100);
  const key = cleanKey(problems, input.parcel, 'input.parcel');
  const transferee = requiredText(problems, 'input.transferee', input.transferee, 200);
  const certificateNumber = requiredText(problems, 'input.certificateNumber', input.certificateNumber, 50);
  problems.throwIfAny();
  await assertLandBranch(deps, actor);

  const dossier = await requireHeldDossier<TransferFacts>(deps.graph, actor, dossierCode, {
    fields: 'currentLeg legs { seq } taxNotices { number paid }',
    refusal: `Only the land branch that holds dossier ${dossierCode} registers its transfer.`,
  });
  const unpaid = dossier.taxNotices.filter((notice) => !notice.paid);
  if (unpaid.length > 0 || dossier.status === 'AWAITING_PAYMENT') {
    throw new ConflictError(`The transfer waits for the payment of ${unpaid.map((notice) => notice.number).join(', ') || 'its tax notice'}.`, {
      unpaid: unpaid.map((notice) => notice.number),
    });
  }
  if (dossier.status !== 'IN_PROGRESS' || dossier.currentLeg !== dossier.legs.length) {
    throw new ConflictError(`The dossier is ${dossier.status} at leg ${dossier.currentLeg} of ${dossier.legs.length}: the transfer is registered at the last leg.`, {
      status: dossier.status,
    });
  }
  await assertInArea(deps, actor.agency, key.commune, 'input.parcel.commune');

  return deps.em.transactional(async (em) => {
    const parcel = await em.findOne(Parcel, { mapSheet: key.mapSheet, number: key.number, communeCode: key.commune }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!parcel) throw new NotFoundError('Parcel', `${key.mapSheet}/${key.number}/${key.commune}`);
    if (await em.count(LandRegistration, { certificateNumber })) throw new ConflictError(`Certificate ${certificateNumber} is already issued.`);
    if (await em.count(LandRegistration, { dossierCode })) throw new ConflictError(`Dossier ${dossierCode} already has its transfer registered.`);
    const current = await em.findOne(ParcelHolding, { parcel, until: null });
    if (current) current.until = deps.now;
    em.persist(new ParcelHolding({ parcel, holder: transferee, since: deps.now, certificateNumber, dossierCode }));
    const registration = new LandRegistration({
      certificateNumber,
      parcel,
      dossierCode,
      transferee,
      previousHolder: parcel.holder,
      registeredAt: deps.now,
      registeredBy: actor.name,
    });
    parcel.holder = transferee;
    em.persist(registration);
    recordMessage(
      em,
      LandOutboxEvent,
      actor,
      'LAND_TRANSFER_RECORDED',
      dossierCode,
      { certificateNumber, parcel: { mapSheet: key.mapSheet, number: key.number, commune: key.commune }, transferee },
      deps.now,
    );
    return registration;
  });
}
