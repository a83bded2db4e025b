import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { BadUserInputError } from '../../common/errors';
import { workingCalendar } from './directory';
import { Deadline } from './dossier.types';

/** The longest span the public deadline query computes. */
const MAX_WORKING_DAYS = 1000;

@Resolver()
export class DeadlineResolver {
  @Query(() => Deadline, { description: 'When N working days from an instant run out, in Vietnam’s working calendar.' })
  async deadline(@Arg('from', () => Date, { description: 'When the clock starts, e.g. the receipt (+07:00).' }) from: Date, @Arg('workingDays', () => Int, { description: 'How many working days to count.' }) workingDays: number, @Ctx() ctx: Context): Promise<Deadline> {
    if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
      throw new BadUserInputError(`workingDays must be between 0 and ${MAX_WORKING_DAYS}.`, { fields: { workingDays: 'out of range' } });
    }
    const { dueAt, provisional } = (await workingCalendar(ctx.graph)).addWorkingDays(from, workingDays);
    return new Deadline(dueAt, provisional);
  }
}
