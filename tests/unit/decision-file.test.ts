import { bundledDecisions, decisionsAsOf } from '../../subgraphs/common/decision-file';

/** The decisions bundled in `domain/`, and which of them a database prepared up to a date gets. */

describe('the bundled decisions', () => {
  const decisions = bundledDecisions();

  it('are dated, in the order they take effect, each with its source and every part’s clause where it has one', () => {
    expect(decisions.map((decision) => [decision.id, decision.effectiveAt])).toEqual([
      ['BG-2021-07-01-LLTP-HO-KHAU', '2021-07-01T00:00:00+07:00'],
      ['BG-2025-03-01-LLTP-CONG-AN', '2025-03-01T00:00:00+07:00'],
      ['BN-2025-07-01-NQ1658', '2025-07-01T00:00:00+07:00'],
    ]);
    for (const decision of decisions) {
      expect(decision.source.length).toBeGreaterThan(20);
      for (const part of [...(decision.create ?? []), ...(decision.close ?? []), ...(decision.amend ?? [])] as Array<{ source?: string }>) {
        expect(part.source).toMatch(/\d/);
      }
      for (const version of decision.procedures ?? []) expect(version.source).toMatch(/\d+\/\d{4}/);
    }
  });

  it.each([
    ['2021-06-30', []],
    ['2025-02-28', ['BG-2021-07-01-LLTP-HO-KHAU']],
    ['2025-03-01', ['BG-2021-07-01-LLTP-HO-KHAU', 'BG-2025-03-01-LLTP-CONG-AN']],
    ['2025-06-30', ['BG-2021-07-01-LLTP-HO-KHAU', 'BG-2025-03-01-LLTP-CONG-AN']],
    ['2025-07-01', ['BG-2021-07-01-LLTP-HO-KHAU', 'BG-2025-03-01-LLTP-CONG-AN', 'BN-2025-07-01-NQ1658']],
  ])('up to %s, include those taking effect by the end of that day', (asOf, ids) => {
    expect(decisionsAsOf(decisions, asOf, new Date()).map((decision) => decision.id)).toEqual(ids);
  });

  it('without a date, include those in effect now (HUB_DIRECTORY_AS_OF unset)', () => {
    expect(decisionsAsOf(decisions, undefined, new Date('2025-06-30T23:59:59+07:00')).map((decision) => decision.id)).toEqual(['BG-2021-07-01-LLTP-HO-KHAU', 'BG-2025-03-01-LLTP-CONG-AN']);
    expect(decisionsAsOf(decisions, undefined, new Date('2025-07-01T00:00:00+07:00'))).toHaveLength(3);
  });
});
