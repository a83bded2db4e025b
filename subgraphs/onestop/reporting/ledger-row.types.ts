import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars';

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

  @Field(() => DateScalar, { description: '9. Hẹn trả kết quả: the appointment given at receipt' })
  dueOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'A later appointment (after a supplement or an apology), noted beside the first; null when it never moved.' })
  rescheduledOn!: string | null;

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

  @Field(() => Int, { nullable: true, description: 'Quyển số: the book’s number at its desk in the year (the same on every row of a book).' })
  volume!: number | null;
}
