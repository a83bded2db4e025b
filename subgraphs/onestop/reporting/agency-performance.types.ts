import { Field, Float, Int, ObjectType } from 'type-graphql';

/** Chỉ tiêu giải quyết hồ sơ of one desk (or, for `total`, the province) over a period. */
@ObjectType({ description: 'How one agency’s desk (or the whole province) did over a period.' })
export class AgencyPerformance {
  /** The desk's agency; the province's People's Committee for the total. */
  readonly agencyCode!: string;

  @Field(() => Boolean, { description: 'The province’s totals rather than one agency’s.' })
  total!: boolean;

  @Field(() => Int, { description: 'Received in the period.' })
  received!: number;

  @Field(() => Int, { description: 'Resolved in the period before their due date.' })
  resolvedEarly!: number;

  @Field(() => Int, { description: 'Dossiers resolved by their appointment in the period.' })
  resolvedOnTime!: number;

  @Field(() => Int, { description: 'Dossiers resolved after their appointment in the period.' })
  resolvedLate!: number;

  @Field(() => Int, { description: 'Being processed now, within their time.' })
  inProgressOnTime!: number;

  @Field(() => Int, { description: 'Being processed now, past their due date.' })
  inProgressOverdue!: number;

  @Field(() => Int, { description: 'Waiting now for a supplement or a payment, the clock stopped.' })
  suspended!: number;

  @Field(() => Float, { nullable: true, description: 'Resolved early or on time, of all resolved in the period (0–1).' })
  onTimeRate!: number | null;

  @Field(() => Int, { description: 'Đánh giá: how many applicants rated the service in the period.' })
  ratings!: number;

  @Field(() => Float, { nullable: true, description: 'The mean rating in the period, from 1 to 5; null without ratings.' })
  averageRating!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hài lòng: rated 4 or 5, of all ratings in the period (0–1); null without ratings.' })
  satisfiedRate!: number | null;

  /** Sum of the ratings, for the province's mean. */
  ratingSum = 0;
  satisfied = 0;
}
