import { ArrayType, Check, Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Agency, AgencyTier } from './agency.entity';

export enum AgencyChangeKind {
  CREATED = 'CREATED',
  AMENDED = 'AMENDED',
  CLOSED = 'CLOSED',
}
registerEnumType(AgencyChangeKind, {
  name: 'AgencyChangeKind',
  description: 'What a change of the agency register did.',
  valuesConfig: {
    CREATED: { description: 'Thành lập: the agency was set up (or entered the directory)' },
    AMENDED: { description: 'Thay đổi: its name, tier, parent, desk, address, phone, service area or portal mark changed' },
    CLOSED: { description: 'Giải thể, sáp nhập: it closed; its work went to its successors' },
  },
});

/** Where one successor of a closed agency takes over: its area, or (empty) whatever no other successor's area holds. */
export interface SuccessorRecord {
  agency: string;
  area: string[];
}

/** The agency as it stands from a change on: every change keeps the whole picture, not only what moved. */
export interface AgencyState {
  name: string;
  tier: AgencyTier;
  hasDesk: boolean;
  parentCode: string | null;
  address: string | null;
  phone: string | null;
  serviceArea: string[];
  servicePortal: boolean;
}

/**
 * One entry of the agency register's history (lịch sử thay đổi): what the agency was from `effectiveAt` on,
 * why, and on which decision, recorded by whom and when. Entries are appended in the order they take effect;
 * none is changed or removed.
 */
@ObjectType({ description: 'One change of an agency, as the register keeps it: the agency as it stands from then on, why and on what decision.' })
@Entity({ tableName: 'agency_change' })
@Unique({ properties: ['agency', 'seq'] })
@Index({ properties: ['decision'] })
// The registers' window as the database's last line, in epoch seconds: 1420045200 is 1/1/2015 00:00 +07:00, 4102419600 is 1/1/2100.
@Check({ name: 'agency_change_seq_positive', expression: 'seq > 0' })
@Check({ name: 'agency_change_effective_in_window', expression: "effective_at is null or (extract(epoch from effective_at) >= 1420045200 and extract(epoch from effective_at) < 4102419600)" })
export class AgencyChange implements AgencyState {
  [PrimaryKeyProp]?: 'id';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Agency, { deleteRule: 'restrict' })
  agency!: Agency;

  @Field(() => Int, { description: 'Its place in the agency’s history, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => AgencyChangeKind, { description: 'Set up, changed or closed.' })
  @Enum({ items: () => AgencyChangeKind })
  kind!: AgencyChangeKind;

  @Field(() => Date, { nullable: true, description: 'Hiệu lực: from when it holds; null: since before the directory began.' })
  @Property({ type: 'timestamptz', nullable: true })
  effectiveAt!: Date | null;

  @Field(() => String, { description: 'The name from then on.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => AgencyTier, { description: 'The tier from then on.' })
  @Enum({ items: () => AgencyTier })
  tier!: AgencyTier;

  @Field(() => Boolean, { description: 'Has a reception desk from then on.' })
  @Property({ type: 'boolean' })
  hasDesk!: boolean;

  @Property({ type: 'text', nullable: true })
  parentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Địa chỉ trụ sở, as printed on forms.' })
  @Property({ type: 'text', nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'Số điện thoại, as printed on forms.' })
  @Property({ type: 'text', nullable: true })
  phone!: string | null;

  @Field(() => Boolean, {
    description: 'Cổng dịch vụ công: from then on the agency runs a public service portal, whose SYSTEM submits dossiers taken online or by post to any desk.',
  })
  @Property({ type: 'boolean', default: false })
  servicePortal!: boolean;

  /** Địa bàn phục vụ: the administrative units whose dossiers the agency handles (tax and land branches). */
  @Property({ type: ArrayType })
  serviceArea!: string[];

  /** A closure's successors; empty otherwise. */
  @Property({ type: 'json' })
  successors!: SuccessorRecord[];

  @Field(() => String, { description: 'Lý do: why.' })
  @Property({ type: 'text' })
  reason!: string;

  @Field(() => String, { description: 'Căn cứ: the decision it rests on, its number and date.' })
  @Property({ type: 'text' })
  source!: string;

  /** The reorganisation it was part of. */
  @Property({ type: 'text', nullable: true })
  decision!: string | null;

  @Field(() => Date, { description: 'When it was entered in the register.' })
  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Who entered it.' })
  @Property({ type: 'text' })
  recordedBy!: string;

  constructor(init: Omit<AgencyChange, typeof PrimaryKeyProp | 'id'>) {
    Object.assign(this, init);
  }
}
