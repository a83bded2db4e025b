import type { EntityManager } from '@mikro-orm/postgresql';
import { Batches } from '../../common/batches';
import { counterId, MISSED, type CounterKey } from '../../common/counter';
import { CounterForecast } from '../../common/counter-forecast';
import { errorFields, logger } from '../../common/log';
import { localDate } from '../../common/scalars';
import { preparedPipeline } from '../../common/prepared';
import { partName, together, type Statement } from '../../common/statements';
import { firstRecord, stored } from './change';
import { nextNumber, takeExpected, takeNumbersAndRead } from './counter.entity';
import type { Dossier } from './dossier.entity';

/**
 * A receipt's numbers at its desk: the receipt's, the ledger's and its book's volume (and a new dossier's
 * code, whose counter the caller gives). Taken in turn, in the receipt's transaction (`receiptNumbers`); or,
 * once the process knows what the desk's counters give next, taken in the very statement that writes the
 * dossier, with the desk's other receipts of the moment (`receiveAtDesk`).
 */

/** Where a receipt is numbered: its desk, its field (one ledger book per field) and the year. */
export interface ReceiptPlace {
  desk: string;
  field: string;
  year: string;
}

export const placeOf = (desk: string, field: string, receivedAt: Date): ReceiptPlace => ({ desk, field, year: localDate(receivedAt).slice(0, 4) });

/**
 * The counters a receipt takes at its desk: the receipt counts per desk and year, the ledger per desk, field
 * and year; and the one it reads, the volume of the ledger book of its desk, field and year once the book is opened.
 */
function receiptCounters({ desk, field, year }: ReceiptPlace) {
  const book = `${desk}|${field}|${year}`;
  return { take: [['receipt', `${desk}|${year}`], ['ledger', book]] as CounterKey[], book: ['ledger-volume-of', book] as CounterKey };
}

/** A receipt's numbers as it prints them, from its counters' values: the receipt's, the ledger's and the book's volume. */
function printedNumbers(place: ReceiptPlace, receipt: number, ledger: number, volume: number) {
  return { receiptNumber: `${receipt}/TNHS`, ledgerBook: `${place.field} ${place.year}`, ledgerNumber: ledger, ledgerVolume: volume };
}

export type ReceiptNumbers = ReturnType<typeof printedNumbers>;

/** Whether the desk has a dossier received with an idempotency key (asked with the receipt's numbers). */
const KEY_USED = 'select 1 from onestop.dossier where desk_code = ? and idempotency_key = ?';

/**
 * The receipt's and the ledger's numbers at the desk, and the ledger book's volume, in one statement with
 * the counters in `first` (a new dossier's code): the desk's rows are held from here to the commit. With
 * `key`, none are taken (null) when the desk already has a dossier received with that idempotency key.
 * `taken`: every counter's number, in the order `first` then `receiptCounters` gives them.
 */
export async function receiptNumbers(em: EntityManager, place: ReceiptPlace, first: ReadonlyArray<CounterKey> = [], key: string | null = null) {
  const { take, book } = receiptCounters(place);
  const {
    taken,
    read: [opened],
  } = await takeNumbersAndRead(em, [...first, ...take], [book], key === null ? undefined : [KEY_USED, [place.desk, key]]);
  if (!taken) return null;
  const [receipt, ledger] = taken.slice(first.length);
  return { taken, numbers: printedNumbers(place, receipt, ledger, await bookVolume(em, place, book, ledger, opened)) };
}

/**
 * Quyển số: the number of the ledger book (desk, field, year; Plan 58/KH-UBND form 02: one book per field) a
 * receipt's entry `ledgerNumber` goes in. A book's first entry opens it and takes the desk's next book number
 * of the year; its later entries read it back (`opened`, read with the numbers, or again when the book was
 * opened while this receipt waited for its turn). The ledger counter's row is held until the receipt's
 * transaction ends, so one transaction alone opens a book.
 */
async function bookVolume(em: EntityManager, place: ReceiptPlace, [scope, book]: CounterKey, ledgerNumber: number, opened: number | undefined): Promise<number> {
  if (ledgerNumber === 1) {
    const volume = await nextNumber(em, 'ledger-volume', `${place.desk}|${place.year}`);
    await em.execute(`insert into "onestop".counter (scope, key, value) values (?, ?, ?)`, [scope, book, volume]);
    return volume;
  }
  if (opened !== undefined) return opened;
  const [found] = await em.execute<Array<{ value: number }>>(`select value from "onestop".counter where scope = ? and key = ?`, [scope, book]);
  return found.value;
}

/** A receipt ready to be written but for its numbers. */
export interface ReadyReceipt {
  em: EntityManager;
  place: ReceiptPlace;
  /** The new dossier's code counter (the desk's, of the day). */
  code: CounterKey;
  deskName: string;
  /** The dossier with these numbers, and what the rules decided for it. */
  build(serial: number, numbers: ReceiptNumbers): { dossier: Dossier; decided: Parameters<typeof firstRecord>[2] };
  /** The receipt taking its numbers in turn, in its own transaction (which teaches them: `learnReceipt`). */
  inTurn(): Promise<Dossier>;
}

/** Per process and database: what the desks' counters give next, and the receipts gathered per desk. */
interface Desks {
  forecast: CounterForecast;
  batches: Batches<ReadyReceipt, Dossier>;
}

const desks = new WeakMap<object, Desks>();

const log = logger('onestop');

function desksOf(em: EntityManager): Desks {
  const driver = em.getDriver();
  let found = desks.get(driver);
  if (!found) {
    const forecast = new CounterForecast();
    found = { forecast, batches: new Batches((_desk, receipts) => receiveTogether(forecast, receipts)) };
    desks.set(driver, found);
  }
  return found;
}

/** What a stored receipt's numbers teach: the counters it took (`first`, then the receipt's) and its book's volume. */
export function learnReceipt(em: EntityManager, place: ReceiptPlace, first: ReadonlyArray<CounterKey>, taken: readonly number[], numbers: ReceiptNumbers): void {
  const { take, book } = receiptCounters(place);
  desksOf(em).forecast.learn([...first, ...take], taken, [book], [numbers.ledgerVolume]);
}

/** Numbers of a desk's counters taken otherwise (a dossier submitted online takes its code's). */
export function learnNumbers(em: EntityManager, take: ReadonlyArray<CounterKey>, taken: readonly number[]): void {
  desksOf(em).forecast.learn(take, taken);
}

/**
 * A receipt at its desk, with the desk's other receipts of the moment in this process: one batch at a time
 * per desk (`Batches`), so that what a batch expects of the desk's counters is what the one before it left.
 */
export function receiveAtDesk(receipt: ReadyReceipt): Promise<Dossier> {
  return desksOf(receipt.em).batches.add(receipt.place.desk, receipt);
}

/**
 * A desk's receipts of the moment. Written at once when the process knows what the desk's counters give
 * next (`writeAtOnce`); when it does not, the first takes its numbers in turn, which teaches them, and the
 * rest go at once after it. When PostgreSQL refused the pipeline for one receipt's sake (a retry whose
 * idempotency key is used, say), that one takes its numbers in turn, which finds what is wrong with it, and
 * the rest go at once again. After a miss (someone else took the numbers expected), they all take their
 * numbers in turn. A receipt stored in one pass keeps its answer whatever befalls the next.
 */
export async function receiveTogether(forecast: CounterForecast, receipts: readonly ReadyReceipt[], write = writeAtOnce): Promise<Array<PromiseSettledResult<Dossier>>> {
  const answers: Array<PromiseSettledResult<Dossier>> = new Array(receipts.length);
  const inTurn = async (index: number) => {
    answers[index] = (await Promise.allSettled([receipts[index].inTurn()]))[0];
  };
  let left = receipts.map((_, index) => index);
  while (left.length > 0) {
    let outcome: Awaited<ReturnType<typeof writeAtOnce>>;
    try {
      outcome = await write(forecast, left.map((index) => receipts[index]));
    } catch (error) {
      for (const index of left) answers[index] = { status: 'rejected', reason: error };
      break;
    }
    const { written, missed, refused } = outcome;
    left.forEach((index, i) => {
      if (written[i]) answers[index] = { status: 'fulfilled', value: written[i] };
    });
    // The one refused (nothing was written then), or else the first not written.
    const refusedIndex = refused === undefined ? undefined : left[refused];
    left = left.filter((_, i) => !written[i]);
    if (left.length === 0) break;
    const alone = refusedIndex ?? left[0];
    if (missed) {
      await Promise.all(left.map(inTurn));
      break;
    }
    await inTurn(alone);
    left = left.filter((index) => index !== alone);
  }
  return answers;
}

/**
 * Receipts written in one round trip, numbered on from the forecast in the order given: each in one statement
 * that takes its desk's numbers and writes the dossier (`takeExpected`), so the desk's rows are held only
 * while PostgreSQL runs it, not while an answer waits for onestop's JavaScript; the statements one after the
 * other in one transaction (`preparedPipeline`). A receipt whose numbers are not known (a desk's first of the
 * day, a book's first entry) is not written (null). When PostgreSQL refuses the pipeline, none is written:
 * `missed` when it found other numbers than those expected (another replica, or a receipt that failed, took
 * them first), which the forecast then forgets for a while; otherwise `refused`, the place among `receipts`
 * of the one it refused.
 */
async function writeAtOnce(forecast: CounterForecast, receipts: readonly ReadyReceipt[]): Promise<{ written: Array<Dossier | null>; missed: boolean; refused?: number }> {
  const written: Array<Dossier | null> = receipts.map(() => null);
  /** The next number of each counter, as the receipts before in the batch leave it. */
  const next = new Map<string, number>();
  const nextOf = (key: CounterKey) => next.get(counterId(key)) ?? forecast.expected(key);
  const writes: Array<{ index: number; dossier: Dossier; counters: CounterKey[]; taken: number[]; book: CounterKey; volume: number; statement: Statement }> = [];
  for (const [index, receipt] of receipts.entries()) {
    const { take, book } = receiptCounters(receipt.place);
    const counters = [receipt.code, ...take];
    const expected = counters.map(nextOf);
    const volume = forecast.known(book);
    if (expected.some((value) => value === undefined) || volume === undefined) continue;
    const taken = expected as number[];
    const [serial, receiptNumber, ledger] = taken;
    let built: { dossier: Dossier; statements: Statement[] };
    try {
      const { dossier, decided } = receipt.build(serial, printedNumbers(receipt.place, receiptNumber, ledger, volume));
      built = { dossier, statements: firstRecord(receipt.em, dossier, decided, receipt.deskName).statements };
    } catch {
      // Whatever stops it (the desk's last number of the day, say) is found again in turn, with the numbers taken.
      continue;
    }
    const { taking, guard } = takeExpected(partName(0), counters, taken, [[...book, volume]]);
    counters.forEach((key, i) => next.set(counterId(key), taken[i] + 1));
    writes.push({ index, dossier: built.dossier, counters, taken, book, volume, statement: together([taking, ...built.statements, guard]) });
  }
  if (writes.length === 0) return { written, missed: false };
  try {
    await preparedPipeline(receipts[0].em, 'receipt', writes.map((write) => write.statement));
  } catch (error) {
    // Refused by PostgreSQL, the pipeline took and wrote nothing; a connection lost on the way may have left
    // it done, and the error stands.
    if (!refusedByServer(error)) throw error;
    if (isMiss(error)) {
      for (const write of writes) forecast.missed(write.counters);
      return { written, missed: true };
    }
    const part = (error as { part?: number }).part;
    log.info({ desk: receipts[0].place.desk, part, error: errorFields(error) }, 'a receipt written with its desk’s others was refused; it takes its numbers in turn');
    return { written, missed: false, refused: part === undefined ? undefined : writes[part]?.index };
  }
  for (const write of writes) {
    forecast.learn(write.counters, write.taken, [write.book], [write.volume]);
    stored(write.dossier);
    written[write.index] = write.dossier;
  }
  return { written, missed: false };
}

/** PostgreSQL's “invalid input syntax”, which the turn's refusal is. */
const INVALID_TEXT = '22P02';

/** The turn's refusal (`takeExpected`): PostgreSQL found other numbers than those expected. */
const isMiss = (error: unknown) => (error as { code?: unknown }).code === INVALID_TEXT && String((error as Error).message).includes(MISSED);

/** Whether PostgreSQL refused the statement (an ERROR it answered with), rather than the connection failing. */
const refusedByServer = (error: unknown) => (error as { severity?: unknown } | null)?.severity === 'ERROR';
