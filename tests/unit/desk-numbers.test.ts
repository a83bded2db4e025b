import { Batches } from '../../subgraphs/common/batches';
import type { CounterKey } from '../../subgraphs/common/counter';
import { CounterForecast } from '../../subgraphs/common/counter-forecast';
import { receiveTogether } from '../../subgraphs/onestop/dossier/receipt-numbers';

const CODE: CounterKey = ['dossier', 'BG.YENTHE|2026-03-16'];
const RECEIPT: CounterKey = ['receipt', 'BG.YENTHE|2026'];
const BOOK: CounterKey = ['ledger-volume-of', 'BG.YENTHE|Đất đai|2026'];

describe('what a process expects of a desk’s counters', () => {
  it('knows nothing until it has seen numbers taken, then the next of each', () => {
    const forecast = new CounterForecast();
    expect(forecast.expected(CODE)).toBeUndefined();
    expect(forecast.known(BOOK)).toBeUndefined();
    forecast.learn([CODE, RECEIPT], [7, 120], [BOOK], [3]);
    expect([forecast.expected(CODE), forecast.expected(RECEIPT), forecast.known(BOOK)]).toEqual([8, 121, 3]);
  });

  it('never goes back to a number already taken when an earlier receipt is learned late', () => {
    const forecast = new CounterForecast();
    forecast.learn([CODE], [9]);
    forecast.learn([CODE], [8]);
    expect(forecast.expected(CODE)).toBe(10);
  });

  it('after a miss, leaves the counters to their turns for a while, then learns them again', () => {
    const forecast = new CounterForecast(5_000);
    forecast.learn([CODE, RECEIPT], [7, 120]);
    forecast.missed([CODE], 1_000);
    expect(forecast.expected(CODE, 1_001)).toBeUndefined();
    expect(forecast.expected(RECEIPT, 1_001)).toBe(121);
    // Learned again while quiet, given out only once the while is over.
    forecast.learn([CODE], [9]);
    expect(forecast.expected(CODE, 5_999)).toBeUndefined();
    expect(forecast.expected(CODE, 6_000)).toBe(10);
  });

  it('keeps only the counters last used, as many as it is told', () => {
    const forecast = new CounterForecast(5_000, 2);
    const day = (date: string): CounterKey => ['dossier', `BG.YENTHE|${date}`];
    forecast.learn([day('2026-03-16')], [1]);
    forecast.learn([day('2026-03-17')], [1]);
    forecast.learn([day('2026-03-16')], [2]);
    forecast.learn([day('2026-03-18')], [1]);
    expect([forecast.expected(day('2026-03-16')), forecast.expected(day('2026-03-17')), forecast.expected(day('2026-03-18'))]).toEqual([3, undefined, 2]);
  });
});

describe('work gathered per key, a batch at a time', () => {
  /** A run whose batches the test ends one by one. */
  function controlled() {
    const started: Array<{ key: string; items: number[]; end(answers?: Array<PromiseSettledResult<string>>): void; fail(error: Error): void }> = [];
    const batches = new Batches<number, string>(
      (key, items) =>
        new Promise((done, failed) =>
          started.push({
            key,
            items,
            end: (answers) => done(answers ?? items.map((item) => ({ status: 'fulfilled', value: `${key}:${item}` }))),
            fail: failed,
          }),
        ),
      3,
    );
    return { batches, started };
  }

  it('sends a key’s first item at once, and gathers what comes meanwhile into its next batch, at most as many as it is told', async () => {
    const { batches, started } = controlled();
    const answers = [1, 2, 3, 4, 5].map((item) => batches.add('BG.YENTHE', item));
    const other = batches.add('BG.TANYEN', 9);
    expect(started.map(({ key, items }) => [key, items])).toEqual([
      ['BG.YENTHE', [1]],
      ['BG.TANYEN', [9]],
    ]);
    started[0].end();
    await answers[0];
    expect(started.map(({ items }) => items)).toEqual([[1], [9], [2, 3, 4]]);
    started[2].end();
    await answers[3];
    expect(started.map(({ items }) => items)).toEqual([[1], [9], [2, 3, 4], [5]]);
    started[3].end();
    started[1].end();
    expect(await Promise.all([...answers, other])).toEqual(['BG.YENTHE:1', 'BG.YENTHE:2', 'BG.YENTHE:3', 'BG.YENTHE:4', 'BG.YENTHE:5', 'BG.TANYEN:9']);
  });

  it('settles each item as its batch says, fails a whole batch that fails, and goes on with the next', async () => {
    const { batches, started } = controlled();
    const first = batches.add('BG.YENTHE', 1);
    const [second, third] = [batches.add('BG.YENTHE', 2), batches.add('BG.YENTHE', 3)];
    started[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    started[1].end([
      { status: 'fulfilled', value: 'stored' },
      { status: 'rejected', reason: new Error('refused') },
    ]);
    await expect(second).resolves.toBe('stored');
    await expect(third).rejects.toThrow('refused');
    // Nothing waiting: the next item goes at once.
    const fourth = batches.add('BG.YENTHE', 4);
    expect(started[2].items).toEqual([4]);
    started[2].end();
    await expect(fourth).resolves.toBe('BG.YENTHE:4');
  });
});

describe('a batch that does not come back', () => {
  afterEach(() => jest.useRealTimers());

  it('holds its key only as long as the patience given, then lets the next batch go', async () => {
    jest.useFakeTimers();
    const started: number[][] = [];
    const ends: Array<() => void> = [];
    const batches = new Batches<number, number>((_key, items) => new Promise((done) => (started.push(items), ends.push(() => done(items.map((item) => ({ status: 'fulfilled', value: item })))))), 20, 1_000);
    const stuck = batches.add('BG.YENTHE', 1);
    const next = batches.add('BG.YENTHE', 2);
    jest.advanceTimersByTime(999);
    expect(started).toEqual([[1]]);
    jest.advanceTimersByTime(1);
    expect(started).toEqual([[1], [2]]);
    ends[1]();
    await expect(next).resolves.toBe(2);
    // The first still settles when it comes back.
    ends[0]();
    await expect(stuck).resolves.toBe(1);
  });
});

describe('a desk’s receipts of the moment', () => {
  type Write = NonNullable<Parameters<typeof receiveTogether>[2]>;
  type Outcome = Awaited<ReturnType<Write>>;
  /** Receipts whose turn (`inTurn`) is recorded and answers with their name, or fails for the one named `refused`. */
  function receipts(...names: string[]) {
    const inTurn: string[] = [];
    const ready = names.map((name) => ({
      name,
      inTurn: async () => {
        inTurn.push(name);
        if (name === 'refused') throw new Error('CONFLICT');
        return { code: `${name} in turn` };
      },
    }));
    return { ready: ready as unknown as Parameters<typeof receiveTogether>[1], inTurn };
  }
  /** A writer that answers each pass as the test lists it, and records the receipts of each. */
  function passes(...outcomes: Array<(names: string[]) => Outcome | Error>) {
    const seen: string[][] = [];
    const write: Write = async (_forecast, given) => {
      const names = given.map((receipt) => (receipt as unknown as { name: string }).name);
      seen.push(names);
      const outcome = outcomes[seen.length - 1](names);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    };
    return { write, seen };
  }
  const at = (names: string[], ...stored: string[]) => names.map((name) => (stored.includes(name) ? ({ code: `${name} at once` } as never) : null));
  const settled = (answers: Array<PromiseSettledResult<unknown>>) => answers.map((answer) => (answer.status === 'fulfilled' ? (answer.value as { code: string }).code : `failed: ${(answer.reason as Error).message}`));

  it('lets the first take its numbers in turn when they are not known, then writes the rest at once', async () => {
    const { ready, inTurn } = receipts('a', 'b', 'c');
    const { write, seen } = passes(
      (names) => ({ written: at(names), missed: false }),
      (names) => ({ written: at(names, 'b', 'c'), missed: false }),
    );
    expect(settled(await receiveTogether(new CounterForecast(), ready, write))).toEqual(['a in turn', 'b at once', 'c at once']);
    expect(seen).toEqual([['a', 'b', 'c'], ['b', 'c']]);
    expect(inTurn).toEqual(['a']);
  });

  it('sends the one PostgreSQL refused in turn, and the others at once again', async () => {
    const { ready, inTurn } = receipts('a', 'refused', 'c');
    const { write, seen } = passes(
      () => ({ written: at([]), missed: false, refused: 1 }),
      (names) => ({ written: at(names, 'a', 'c'), missed: false }),
    );
    expect(settled(await receiveTogether(new CounterForecast(), ready, write))).toEqual(['a at once', 'failed: CONFLICT', 'c at once']);
    expect(seen).toEqual([['a', 'refused', 'c'], ['a', 'c']]);
    expect(inTurn).toEqual(['refused']);
  });

  it('after a miss, lets every one left take its numbers in turn', async () => {
    const { ready, inTurn } = receipts('a', 'b', 'c');
    const { write } = passes((names) => ({ written: at(names, 'a'), missed: true }));
    expect(settled(await receiveTogether(new CounterForecast(), ready, write))).toEqual(['a at once', 'b in turn', 'c in turn']);
    expect(inTurn.sort()).toEqual(['b', 'c']);
  });

  it('keeps the answer of a receipt already stored when a later pass fails, and fails only those left', async () => {
    const { ready } = receipts('a', 'b', 'c');
    const { write } = passes(
      (names) => ({ written: at(names), missed: false }),
      () => new Error('connection lost'),
    );
    expect(settled(await receiveTogether(new CounterForecast(), ready, write))).toEqual(['a in turn', 'failed: connection lost', 'failed: connection lost']);
  });
});
