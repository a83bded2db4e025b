import { OptimisticLockError } from '@mikro-orm/core';
import { isLostRace, isRefusal, retryingLostRaces } from '../../subgraphs/common/feed-reader';
import { BadUserInputError, ConflictError, ForbiddenError, LostRaceError, NotFoundError } from '../../subgraphs/common/errors';

describe('the feed reader tells a lost race from a refusal', () => {
  it.each<[string, unknown, boolean, boolean]>([
    ['another change saved first (CONFLICT, retry)', new LostRaceError('Another change to this dossier was saved first.'), true, false],
    ['the ORM’s version check', new OptimisticLockError('The optimistic lock failed'), true, false],
    ['a transition the dossier does not allow now', new ConflictError('PAYMENT_RECEIVED is not allowed now'), false, true],
    ['an unknown dossier', new NotFoundError('Dossier', 'BG.YENTHE-260309-9999'), false, true],
    ['a caller that may not', new ForbiddenError('Only the holder may'), false, true],
    ['bad input', new BadUserInputError('must be more than 0 đồng'), false, true],
    ['a database that cannot be reached', new Error('connect ECONNREFUSED'), false, false],
  ])('%s', (_case, error, lostRace, refusal) => {
    expect(isLostRace(error)).toBe(lostRace);
    expect(isRefusal(error)).toBe(refusal);
  });

  it('tries a lost race again until it goes through', async () => {
    let calls = 0;
    const result = await retryingLostRaces(async () => {
      calls += 1;
      if (calls < 3) throw new LostRaceError('saved first');
      return 'applied';
    });
    expect([result, calls]).toEqual(['applied', 3]);
  });

  it('gives up after a bounded number of tries, and never retries a refusal', async () => {
    let raced = 0;
    await expect(
      retryingLostRaces(async () => {
        raced += 1;
        throw new LostRaceError('saved first');
      }, 3),
    ).rejects.toBeInstanceOf(LostRaceError);
    expect(raced).toBe(3);
    let refused = 0;
    await expect(
      retryingLostRaces(async () => {
        refused += 1;
        throw new ConflictError('not allowed now');
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(refused).toBe(1);
  });
});
