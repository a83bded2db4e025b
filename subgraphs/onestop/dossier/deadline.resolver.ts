import { Arg, Int, Query, Resolver } from 'type-graphql';
import { vnCalendar } from '../../common/calendar';
import { BadUserInputError } from '../../common/errors';
import { Deadline } from './dossier.types';

/** The longest span the public deadline query computes. */
const MAX_WORKING_DAYS = 1000;

@Resolver()
export class DeadlineResolver {
  @Query(() => Deadline, { description: 'When N working days from an instant run out, in Vietnam’s working calendar.' })
  deadline(@Arg('from', () => Date) from: Date, @Arg('workingDays', () => Int) workingDays: number): Deadline {
    if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
      throw new BadUserInputError(`workingDays must be between 0 and ${MAX_WORKING_DAYS}.`, { fields: { workingDays: 'out of range' } });
    }
    const { dueAt, provisional } = vnCalendar().addWorkingDays(from, workingDays);
    return new Deadline(dueAt, provisional);
  }
}
