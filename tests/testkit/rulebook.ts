import type { Role } from '../../subgraphs/common/auth';
import { vnCalendar } from '../../subgraphs/common/calendar';
import type { Command, Facts, RouteLeg, TargetAgency } from '../../subgraphs/onestop/rulebook/commands';
import { decide } from '../../subgraphs/onestop/rulebook/decide';
import type { Event } from '../../subgraphs/onestop/rulebook/events';
import { fold } from '../../subgraphs/onestop/rulebook/evolve';
import { isRefusal, type Refusal } from '../../subgraphs/onestop/rulebook/refusal';
import type { Actor, DossierState } from '../../subgraphs/onestop/rulebook/state';
import { Channel, Delivery } from '../../subgraphs/onestop/rulebook/statuses';

/**
 * Given/when/then for the dossier's rules: a story is the events a dossier has lived through, built by
 * letting the rules decide each step; `when` asks them about the next command.
 */

/** An instant written as Vietnamese clocks show it: `2026-03-02 09:00`. */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const officer = (agency: string, roles: Role[], name: string): Actor => ({ sub: `${agency}:${name}`, name, agency, roles });

/** The agencies a Yên Thế land transfer passes through, and some that have no part in it. */
export const DESK = 'BG.YENTHE';
export const LAND = 'BG.VPDKDD.YENTHE';
export const TAX = 'BG.CT.YENTHE';
export const as = {
  desk: officer(DESK, ['RECEPTIONIST'], 'Nguyễn Văn An'),
  deskProcessor: officer(DESK, ['PROCESSOR'], 'Lê Văn Cường'),
  deskOnline: officer(DESK, ['SYSTEM'], 'Dịch vụ công trực tuyến huyện Yên Thế'),
  land: officer(LAND, ['PROCESSOR'], 'Trần Thị Bình'),
  landReceptionist: officer(LAND, ['RECEPTIONIST'], 'Đinh Thị Mai'),
  landSystem: officer(LAND, ['SYSTEM'], 'Hệ thống đất đai'),
  tax: officer(TAX, ['PROCESSOR'], 'Phạm Minh Đức'),
  taxSystem: officer(TAX, ['SYSTEM'], 'Hệ thống thuế'),
  otherDesk: officer('BG.TANYEN', ['RECEPTIONIST'], 'Đỗ Thị Hà'),
  otherProcessor: officer('BG.TANYEN', ['PROCESSOR'], 'Hà Văn Sơn'),
  supervisor: officer('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy'),
  registrarSystem: officer('BG.SNV', ['SYSTEM'], 'Vũ Quang Huy'),
};

/** BG-DD-CN at the Yên Thế desk: the desk passes it on (0 days), land 4, tax 3, land 3: 10 working days. */
export const LAND_TRANSFER_ROUTE: RouteLeg[] = [
  { seq: 1, agencyCode: DESK, agencyName: 'UBND huyện Yên Thế', task: 'Tiếp nhận, chuyển hồ sơ', workingDays: 0 },
  { seq: 2, agencyCode: LAND, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', task: 'Thẩm định', workingDays: 4 },
  { seq: 3, agencyCode: TAX, agencyName: 'Chi cục Thuế huyện Yên Thế', task: 'Xác định nghĩa vụ tài chính', workingDays: 3 },
  { seq: 4, agencyCode: LAND, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế', task: 'Chỉnh lý Giấy chứng nhận', workingDays: 3 },
];

/** A construction permit decided by the district itself: its desk is its only leg (15 working days). */
export const PERMIT_ROUTE: RouteLeg[] = [{ seq: 1, agencyCode: DESK, agencyName: 'UBND huyện Yên Thế', task: 'Thẩm định, cấp phép', workingDays: 15 }];

export const receive = (receivedAt: Date, route = LAND_TRANSFER_ROUTE, code = 'BG.YENTHE-260302-0001'): Command => ({
  type: 'RECEIVE',
  code,
  desk: { code: DESK, name: 'UBND huyện Yên Thế' },
  receivedAt,
  route,
  documents: ['Đơn đăng ký biến động'],
  copies: 1,
  delivery: Delivery.AT_DESK,
  receiptNumber: '1/TNHS',
});

/** The same dossier submitted online to the Yên Thế desk by its online service. */
export const submit = (submittedAt: Date, code = 'BG.YENTHE-260302-0001', channel: Channel.ONLINE | Channel.POST = Channel.ONLINE): Command => ({
  type: 'SUBMIT',
  code,
  desk: { code: DESK, name: 'UBND huyện Yên Thế' },
  byPortal: false,
  submittedAt,
  channel,
  documents: ['Đơn đăng ký biến động'],
  copies: 1,
  delivery: Delivery.AT_DESK,
});

export const open = (code: string, name = code): TargetAgency => ({ code, name, open: true, successor: null });
export const handOver = (to: string, note: string | null = null, target: TargetAgency | null = open(to)): Command => ({ type: 'HAND_OVER', to, target, note });

export class Story {
  constructor(readonly events: readonly Event[] = []) {}

  get state(): DossierState {
    const state = fold(this.events);
    if (!state) throw new Error('The story has not begun: receive the dossier first.');
    return state;
  }

  /** What the rules answer to `command` by `actor` at `when`, given the story so far. */
  when(command: Command, actor: Actor, when: Date, reads = true): Event[] | Refusal {
    const facts: Facts = { now: when, calendar: vnCalendar(), actor, reads };
    return decide(this.events.length ? this.state : null, command, facts);
  }

  /** The story with the step taken; a refused step is a mistake in the test. */
  then(command: Command, actor: Actor, when: Date): Story {
    const decided = this.when(command, actor, when);
    if (isRefusal(decided)) throw new Error(`The story cannot go on with ${command.type}: ${decided.message}`);
    return new Story([...this.events, ...decided]);
  }
}

/** A Yên Thế land transfer received at `receivedAt` (Monday 2 March 2026, 09:00, by default). */
export const landTransfer = (receivedAt = at('2026-03-02 09:00')) => new Story().then(receive(receivedAt), as.desk, receivedAt);

/** A Yên Thế land transfer submitted online at `submittedAt` (Sunday 1 March 2026, 20:00, by default). */
export const onlineLandTransfer = (submittedAt = at('2026-03-01 20:00')) => new Story().then(submit(submittedAt), as.deskOnline, submittedAt);

/** …handed to the land branch and accepted there. */
export const atLandBranch = (receivedAt = at('2026-03-02 09:00'), handed = at('2026-03-02 10:00'), accepted = at('2026-03-02 14:00')) =>
  landTransfer(receivedAt).then(handOver(LAND), as.desk, handed).then({ type: 'ACCEPT' }, as.land, accepted);

export function refusalOf(decided: Event[] | Refusal): Refusal {
  if (!isRefusal(decided)) throw new Error(`Expected a refusal, got ${decided.map((event) => event.type).join(', ')}.`);
  return decided;
}

export function eventsOf(decided: Event[] | Refusal): Event[] {
  if (isRefusal(decided)) throw new Error(`Expected events, got ${decided.refused}: ${decided.message}`);
  return decided;
}
