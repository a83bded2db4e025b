import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from '../common/context';
import { nextNumbers } from '../common/counter';
import { requireHeldDossier } from '../common/dossier-holder';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { recordMessage } from '../common/outbox';
import { hasRole, requireActor, requireRole } from '../common/roles';
import { localDate } from '../common/scalars';
import { Problems, requiredText } from '../common/validation';
import { addDays, type LocalDate, type WorkingCalendar } from '../common/calendar';
import { registersCalendar } from '../common/registers-calendar';
import type { EntityManager } from '@mikro-orm/postgresql';
import { branchOf } from '../common/branch';
import { TaxOutboxEvent } from './outbox.entity';
import { TaxNotice } from './tax-notice.entity';
import { TaxKind, TaxNoticeItem } from './tax-notice-item.entity';
import { TaxPayment } from './tax-payment.entity';

export type TaxDeps = Pick<Context, 'em' | 'actor' | 'now' | 'graph'>;

/** Kho bạc Nhà nước: the treasury's system records payments it collected for any tax branch. */
export const TREASURY = 'BG.KBNN';
/** The applicant pays within 30 days of the notice. */
const DAYS_TO_PAY = 30;

/**
 * The last day to pay: 30 days on, or, when that is a day off, the next working day (Civil Code 2015,
 * 91/2015/QH13, Art. 148.5: a period whose last day is a weekend or a holiday ends with the next working day).
 */
export function lastDayToPay(calendar: WorkingCalendar, issuedOn: LocalDate): LocalDate {
  const due = addDays(issuedOn, DAYS_TO_PAY);
  return calendar.isWorkingDay(due) ? due : calendar.nextWorkingDay(due);
}

/** The notice of this leg still open: a second one would bill the applicant twice. */
const openNoticeOf = (em: EntityManager, dossierCode: string, branchCode: string) => em.findOne(TaxNotice, { dossierCode, branchCode, paidAt: null, issuedTwice: false });

/** Rates the law fixes, used when the notice gives none. */
const STANDARD_RATES: Partial<Record<TaxKind, number>> = {
  [TaxKind.PERSONAL_INCOME_TAX]: 0.02,
  [TaxKind.REGISTRATION_FEE]: 0.005,
};
/** Amounts decided elsewhere (a price list, a decision), written on the notice as given. */
const GIVEN_AMOUNTS = new Set([TaxKind.LAND_USE_FEE, TaxKind.LAND_RENT, TaxKind.NON_AGRICULTURAL_LAND_TAX]);

export interface TaxItemValues {
  kind: TaxKind;
  base: string;
  rate?: number | null;
}

/** base × rate in whole đồng, rounded half up, in integer arithmetic. */
export function amountOf(base: string, rate: number): string {
  const decimals = rate.toFixed(12).replace(/0+$/, '').split('.')[1] ?? '';
  const denominator = 10n ** BigInt(decimals.length);
  const numerator = BigInt(rate.toFixed(decimals.length).replace('.', ''));
  const product = BigInt(base) * numerator;
  return ((product * 2n + denominator) / (denominator * 2n)).toString();
}

export function cleanItems(problems: Problems, items: readonly TaxItemValues[] | null | undefined): TaxNoticeItem[] {
  if (!items?.length) problems.add('items', 'a notice needs at least one item');
  const seen = new Set<TaxKind>();
  return (items ?? []).map((item, index) => {
    const field = `items.${index}`;
    if (seen.has(item.kind)) problems.add(`${field}.kind`, `${item.kind} appears twice`);
    seen.add(item.kind);
    if (BigInt(item.base) <= 0n) problems.add(`${field}.base`, 'must be more than 0 đồng');
    if (GIVEN_AMOUNTS.has(item.kind)) {
      if (item.rate != null) problems.add(`${field}.rate`, `${item.kind} is an amount given, not computed from a rate`);
      return new TaxNoticeItem({ kind: item.kind, base: item.base, rate: null, amount: item.base });
    }
    const rate = item.rate ?? STANDARD_RATES[item.kind]!;
    if (!(rate > 0 && rate <= 1)) problems.add(`${field}.rate`, 'must be more than 0 and at most 1');
    return new TaxNoticeItem({ kind: item.kind, base: item.base, rate, amount: rate > 0 && rate <= 1 ? amountOf(item.base, rate) : '0' });
  });
}

/**
 * Thông báo nộp thuế, by a PROCESSOR (or the system) of the tax branch that holds the dossier. The notice
 * and its event are one transaction; onestop then hands the dossier on to the next agency, where it waits
 * for the payment with the clock stopped.
 */
export async function issueTaxNotice(deps: TaxDeps, input: { dossier: string; items: TaxItemValues[] }): Promise<TaxNotice> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const dossierCode = requiredText(problems, 'dossier', input.dossier, 100);
  const items = cleanItems(problems, input.items);
  problems.throwIfAny();
  const taxOfficersOnly = 'Only a tax branch’s PROCESSOR or system issues tax notices.';
  requireRole(actor, ['PROCESSOR', 'SYSTEM'], taxOfficersOnly);
  if ((await branchOf(deps.graph, actor.agency))?.sector !== 'TAX') throw new ForbiddenError(taxOfficersOnly);
  const dossier = await requireHeldDossier(deps.graph, actor, dossierCode, {
    refusal: `Only the tax branch that holds dossier ${dossierCode} issues its notice.`,
  });
  if (dossier.status !== 'IN_PROGRESS') {
    throw new ConflictError(`A tax notice cannot be issued while the dossier is ${dossier.status}.`, { status: dossier.status });
  }
  const total = items.reduce((sum, item) => sum + BigInt(item.amount), 0n).toString();
  // A notice of nothing would be paid at once, with no payment to move the dossier on: an exemption is not a notice.
  if (total === '0') throw new BadUserInputError('The notice comes to 0 đồng: there is nothing to pay.', { fields: { items: 'the amounts come to 0 đồng' } });
  const calendar = await registersCalendar(deps.graph);
  const conflict = (open: TaxNotice | { number: string }) =>
    new ConflictError(`Notice ${open.number} of dossier ${dossierCode} is still open: the tax leg has one notice, paid before another is issued.`, {
      dossier: dossierCode,
      open: open.number,
    });
  try {
    return await deps.em.transactional(async (em) => {
      const open = await openNoticeOf(em, dossierCode, actor.agency);
      if (open) throw conflict(open);
      return issueIn(em);
    });
  } catch (error) {
    // Two notices issued at once: the open-notice index lets one through.
    if (error instanceof UniqueConstraintViolationException && /tax_notice_open_per_leg/.test(error.message)) {
      const open = await openNoticeOf(deps.em.fork(), dossierCode, actor.agency);
      throw conflict(open ?? { number: 'issued a moment ago' });
    }
    throw error;
  }

  async function issueIn(em: EntityManager): Promise<TaxNotice> {
    const year = Number(localDate(deps.now).slice(0, 4));
    const [serial] = await nextNumbers(em, 'tax', [['notice', `${actor.agency}|${year}`]]);
    const notice = new TaxNotice({
      id: `${actor.agency}-${year}-${serial}`,
      number: `${serial}/TB-${actor.agency}`,
      dossierCode,
      branchCode: actor.agency,
      year,
      serial,
      items,
      total,
      issuedAt: deps.now,
      issuedBy: actor.name,
      payBy: lastDayToPay(calendar, localDate(deps.now)),
    });
    em.persist(notice);
    recordMessage(em, TaxOutboxEvent, actor, 'TAX_NOTICE_ISSUED', dossierCode, { noticeId: notice.id, number: notice.number, total: notice.total, payBy: notice.payBy }, deps.now);
    return notice;
  }
}

/**
 * A payment against a notice, by its tax branch or the treasury's system. Partial payments add up; more than
 * is owed, or a receipt already counted, is refused. Paid in full, the event lets the dossier move on.
 */
export async function recordTaxPayment(
  deps: TaxDeps,
  input: { notice: string; amount: string; receiptNumber: string; paidAt?: Date | null },
): Promise<TaxNotice> {
  const actor = requireActor(deps.actor);
  const problems = new Problems();
  const noticeId = requiredText(problems, 'notice', input.notice, 200);
  const receiptNumber = requiredText(problems, 'receiptNumber', input.receiptNumber, 100);
  if (BigInt(input.amount) <= 0n) problems.add('amount', 'must be more than 0 đồng');
  const paidAt = input.paidAt ?? deps.now;
  if (paidAt > deps.now) problems.add('paidAt', 'cannot be in the future');
  problems.throwIfAny();
  try {
    return await deps.em.transactional(async (em) => {
      // Payments of one dossier's notices take turns, so that they add up and exactly one of them finds the
      // dossier paid in full: all its notices are locked together, in one order.
      const [ofDossier] = await em.execute<Array<{ dossier_code: string }>>('select dossier_code from tax.tax_notice where id = ?', [noticeId]);
      if (!ofDossier) throw new NotFoundError('Tax notice', noticeId);
      const notices = await em.find(TaxNotice, { dossierCode: ofDossier.dossier_code }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const notice = notices.find((candidate) => candidate.id === noticeId)!;
      const mayRecord = (actor.agency === notice.branchCode && hasRole(actor, ['PROCESSOR', 'SYSTEM'])) || (actor.agency === TREASURY && hasRole(actor, ['SYSTEM']));
      if (!mayRecord) throw new ForbiddenError(`Only ${notice.branchCode} or the treasury’s system records payments of notice ${notice.number}.`);
      const counted = await em.findOne(TaxPayment, { receiptNumber });
      if (counted) throw new ConflictError(`Receipt ${receiptNumber} is already counted, against notice ${counted.notice.id}.`, { receiptNumber });
      if (notice.paid) throw new ConflictError(`Notice ${notice.number} is already paid in full.`);
      if (paidAt < notice.issuedAt) throw new BadUserInputError('A payment cannot precede its notice.', { fields: { paidAt: 'before the notice' } });
      const remaining = BigInt(notice.total) - BigInt(notice.paidAmount);
      if (BigInt(input.amount) > remaining) {
        throw new BadUserInputError(`Only ${remaining} đồng remain to be paid on notice ${notice.number}.`, { fields: { amount: 'more than is owed' }, remaining: remaining.toString() });
      }
      em.persist(new TaxPayment({ notice, amount: input.amount, receiptNumber, paidAt, recordedAt: deps.now, recordedBy: actor.name, recordedByAgency: actor.agency }));
      notice.paidAmount = (BigInt(notice.paidAmount) + BigInt(input.amount)).toString();
      if (notice.paid) {
        notice.paidAt = paidAt;
        const unpaid = notices.filter((other) => other.paidAt === null && other.id !== notice.id).length;
        recordMessage(em, TaxOutboxEvent, actor, 'TAX_NOTICE_PAID', notice.dossierCode, { noticeId: notice.id, number: notice.number, paidAt, dossierPaid: unpaid === 0 }, deps.now);
      }
      return notice;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`Receipt ${receiptNumber} is already counted.`, { receiptNumber });
    throw error;
  }
}

export async function findTaxNotice(deps: TaxDeps, id: string): Promise<TaxNotice | null> {
  const actor = requireActor(deps.actor);
  const notice = await deps.em.findOne(TaxNotice, { id });
  if (notice && actor.agency !== notice.branchCode && actor.agency !== TREASURY && !actor.roles.includes('SUPERVISOR')) {
    throw new ForbiddenError(`Only ${notice.branchCode}, the treasury and supervisors read notice ${notice.number}.`);
  }
  return notice;
}
