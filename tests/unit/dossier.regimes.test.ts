import { REGIMES, regimeAt } from '../../subgraphs/onestop/rulebook/regimes';
import { PERMIT_ROUTE, Story, as, at, eventsOf, receive } from '../testkit/rulebook';

/** The one-stop rules by the day of receipt: Decision 09/2015, Decree 61/2018, Decree 118/2025. */

describe('the rules a dossier follows', () => {
  it.each([
    ['2015-05-14 23:59', 'QD_09_2015'],
    ['2015-05-15 00:00', 'QD_09_2015'],
    ['2018-06-20 23:59', 'QD_09_2015'],
    ['2018-06-21 00:00', 'ND_61_2018'],
    ['2025-06-30 23:59', 'ND_61_2018'],
    ['2025-07-01 00:00', 'ND_118_2025'],
  ])('are, for a dossier received %s, those of %s', (when, code) => {
    expect(regimeAt(at(when)).code).toBe(code);
  });

  it('are listed in the order they took effect, each with its legal basis', () => {
    expect(REGIMES.map((regime) => regime.from.getTime())).toEqual([...REGIMES].map((regime) => regime.from.getTime()).sort((a, b) => a - b));
    for (const regime of REGIMES) expect(regime.basis).toMatch(/\d+\/\d{4}\//);
  });

  it('give a refusal slip (Phiếu từ chối, status REFUSED) from Decree 61/2018 on, and not before', () => {
    expect([at('2018-06-20 09:00'), at('2018-06-21 09:00'), at('2025-07-01 09:00')].map((when) => regimeAt(when).refusalSlip)).toEqual([false, true, true]);
  });
});

describe('the desk’s own leg when the route starts elsewhere (a dossier received at 15:30)', () => {
  // A district permit whose only leg is not the desk's: the desk hands it on, due by the hand-off rule.
  const elsewhere = [{ ...PERMIT_ROUTE[0], agencyCode: 'BG.SXD', agencyName: 'Sở Xây dựng tỉnh Bắc Giang' }];
  const handOffDue = (receivedAt: Date) => {
    const [received] = eventsOf(new Story().when(receive(receivedAt, elsewhere), as.desk, receivedAt));
    return received.type === 'RECEIVE' ? received.legDueAt : null;
  };

  it('under Decision 09/2015 (no hour set) is due at the closing of the same day', () => {
    expect(handOffDue(at('2018-06-20 15:30'))).toEqual(at('2018-06-20 17:00'));
  });

  it('under Decree 61/2018 (Art. 18: after 15:00, the next working day) is due at the next opening', () => {
    expect(handOffDue(at('2018-06-21 15:30'))).toEqual(at('2018-06-22 07:00'));
    expect(handOffDue(at('2025-06-30 15:30'))).toEqual(at('2025-07-01 07:00'));
  });

  it('under Decree 118/2025 keeps the 15:00 hour, carried forward until its text is confirmed', () => {
    expect(handOffDue(at('2025-07-01 15:30'))).toEqual(at('2025-07-02 07:00'));
    expect(handOffDue(at('2025-07-01 14:30'))).toEqual(at('2025-07-01 17:00'));
  });
});
