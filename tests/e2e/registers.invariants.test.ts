import { Client } from 'pg';
import { dataOf, hubFootprint, useDossierHub } from '../testkit/dossiers';

/**
 * The registers' invariants: an agency closes once, into an open successor other than itself, on a date
 * within the registers' window, to one of a compatible tier and sector or with the reason why; the
 * registrar does not close itself; and what the services refuse, the database refuses too.
 */
describe('the registers’ invariants', () => {
  const { hub, clock } = useDossierHub('2026-03-09T08:00:00+07:00');
  const registrar = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const close = (variables: Record<string, unknown>) =>
    hub.gql(
      `mutation ($code: ID!, $successor: ID!, $effectiveAt: DateTime!, $reason: String!, $differenceReason: String) {
        closeAgency(code: $code, successor: $successor, effectiveAt: $effectiveAt, reason: $reason, differenceReason: $differenceReason) { code validTo successor { code } }
      }`,
      { code: 'BG.VPDKDD.LUCNGAN', successor: 'BG.VPDKDD', effectiveAt: '2026-03-10T00:00:00+07:00', reason: 'Sắp xếp lại', ...variables },
      registrar(),
    );
  const refusal = async (variables: Record<string, unknown>) => {
    const response = await close(variables);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    return response.errors![0];
  };

  async function sql<T = any>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: hub.database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('refuses each broken invariant with BAD_USER_INPUT naming it, and writes nothing', async () => {
    clock.set('2026-03-09T08:00:00+07:00');
    const before = await hubFootprint(hub);
    expect((await refusal({ successor: 'BG.VPDKDD.LUCNGAN' })).extensions?.fields).toEqual({ successor: 'an agency cannot succeed itself' });
    expect((await refusal({ effectiveAt: '0100-03-10T00:00:00+07:00' })).message).toContain('0100-03-10');
    expect((await refusal({ effectiveAt: '2026-03-10T00:00:00+24:00' })).message).toContain('+24:00');
    expect(Object.keys((await refusal({ effectiveAt: '2014-03-10T00:00:00+07:00' })).extensions?.fields)).toEqual(['effectiveAt']);
    // A tax branch does not take over a land branch’s work unless the decision says why.
    expect(Object.keys((await refusal({ successor: 'BG.CT.LUCNGAN' })).extensions?.fields)).toEqual(['successor']);
    const registrarItself = await refusal({ code: 'BG.SNV', successor: 'BG.STP', differenceReason: 'x' });
    expect(registrarItself.message).toContain('the registrar cannot close itself');
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('lets a successor of another tier or sector take the work over when the decision says why', async () => {
    clock.set('2026-03-09T08:00:00+07:00');
    const closed = dataOf(await close({ code: 'BG.VPDKDD.SONDONG', successor: 'BG.SONDONG', differenceReason: 'UBND huyện tiếp nhận hồ sơ đất đai trong thời gian chuyển tiếp' })).closeAgency;
    expect(closed).toEqual({ code: 'BG.VPDKDD.SONDONG', validTo: '2026-03-10T00:00:00+07:00', successor: { code: 'BG.SONDONG' } });
  });

  it('closes an agency once, into a successor open on that date', async () => {
    clock.set('2026-03-09T08:00:00+07:00');
    dataOf(await close({ code: 'BG.VPDKDD.LUCNAM', successor: 'BG.VPDKDD' }));
    const before = await hubFootprint(hub);
    // Again, with another successor and an earlier date: closed once.
    expect(Object.keys((await refusal({ code: 'BG.VPDKDD.LUCNAM', successor: 'BG.VPDKDD.LUCNGAN', effectiveAt: '2026-03-09T12:00:00+07:00' })).extensions?.fields)).toEqual(['code']);
    // A closed agency is no successor after its closure.
    expect((await refusal({ code: 'BG.VPDKDD.LANGGIANG', successor: 'BG.VPDKDD.LUCNAM', effectiveAt: '2026-03-11T00:00:00+07:00' })).extensions?.fields.successor).toMatch(/does not operate on 2026-03-11/);
    expect(await hubFootprint(hub)).toEqual(before);
  });

  it('the database refuses a competence move or a registrar change the services would refuse', async () => {
    const [procedure] = await sql<{ code: string }>(`select code from province.procedure order by code limit 1`);
    const move = (effectiveAt: unknown, from = 'BG.STP', to = 'BG.CA') => JSON.stringify([{ from, to, effective_at: effectiveAt, reason: 'x' }]);
    for (const moves of [move(null), move('0100-01-01T00:00:00.000Z'), move('2026-03-10T00:00:00.000Z', 'BG.CA', 'BG.CA'), move('không phải ngày')]) {
      await expect(sql(`update province.procedure set competence_moves = $1::jsonb where code = $2`, [moves, procedure.code])).rejects.toThrow(/procedure_competence_moves_valid/);
    }
    await sql(`update province.procedure set competence_moves = competence_moves where code = $1`, [procedure.code]);
    await expect(
      sql(`insert into province.registrar_change (agency_code, effective_at, reason, source, recorded_at, recorded_by) values ('BG.STP', '0100-01-01T00:00:00Z', 'x', 'x', now(), 'x')`),
    ).rejects.toThrow(/registrar_change_effective_in_window/);
  });
});
