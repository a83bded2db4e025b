import { Batches } from '../../subgraphs/common/batches';
import { CounterForecast, type CounterKey } from '../../subgraphs/common/counter';

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
