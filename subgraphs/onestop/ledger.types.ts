import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

/** One row of the Sổ theo dõi hồ sơ (seed form 02): its 14 columns, in order. */
@ObjectType({ description: 'One row of the Sổ theo dõi hồ sơ (seed form 02), its 14 columns in order.' })
export class LedgerRow {
  @Field(() => Int, { description: '1. TT' })
  number!: number;

  @Field(() => String, { description: '2. Mã hồ sơ' })
  code!: string;

  @Field(() => String, { description: '3. Tên TTHC' })
  procedureName!: string;

  @Field(() => Int, { description: '4. Số lượng hồ sơ (bộ)' })
  copies!: number;

  @Field(() => String, { description: '5. Tên cá nhân, tổ chức' })
  applicantName!: string;

  @Field(() => String, { description: '6. Địa chỉ, số điện thoại' })
  addressAndPhone!: string;

  @Field(() => String, { description: '7. Cơ quan chủ trì giải quyết' })
  leadAgency!: string;

  @Field(() => DateScalar, { description: '8. Nhận hồ sơ' })
  receivedOn!: string;

  @Field(() => DateScalar, { description: '9. Hẹn trả kết quả' })
  dueOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '10. Chuyển hồ sơ đến cơ quan giải quyết' })
  forwardedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '11. Nhận kết quả từ cơ quan giải quyết' })
  resultReceivedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: '12. Trả kết quả: ngày, tháng, năm' })
  returnedOn!: string | null;

  @Field(() => String, { nullable: true, description: '13. Trả kết quả: ký nhận' })
  returnedTo!: string | null;

  @Field(() => String, { description: '14. Ghi chú' })
  note!: string;
}

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

  @Field(() => Int)
  resolvedOnTime!: number;

  @Field(() => Int)
  resolvedLate!: number;

  @Field(() => Int, { description: 'Being processed now, within their time.' })
  inProgressOnTime!: number;

  @Field(() => Int, { description: 'Being processed now, past their due date.' })
  inProgressOverdue!: number;

  @Field(() => Int, { description: 'Waiting now for a supplement or a payment, the clock stopped.' })
  suspended!: number;

  @Field(() => Float, { nullable: true, description: 'Resolved early or on time, of all resolved in the period (0–1).' })
  onTimeRate!: number | null;
}
