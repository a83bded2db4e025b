import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { LoadStrategy } from '@mikro-orm/core';
import type { Context } from '../../common/context';
import { AdministrativeUnitRef } from '../../common/stubs';
import { regimeAt } from '../rulebook/regimes';
import { isSupplementOverdue, leadAgencyName } from '../rulebook/state';
import { Notice } from '../notices/notice.entity';
import { Agency } from './agency.reference';
import { DossierLeg } from './dossier-leg.entity';
import { Procedure } from './procedure.reference';
import { DossierEvent } from './dossier-event.entity';
import { Dossier } from './dossier.entity';
import { DossierConnection, DossierTracking } from './dossier.types';
import { recordProblem } from './audit';
import { Transfer } from './transfer.entity';
import { PROVIDES_NAME } from './register-names.resolver';
import { legLoader, transferLoader } from './queries';

/** The dossier's fields that point elsewhere or load their own rows: one query per batch, never per dossier. */

const agencyOrNull = (code: string | null) => (code ? new Agency(code) : null);

function legsOf(ctx: Context, dossier: Dossier): Promise<DossierLeg[]> | DossierLeg[] {
  if (dossier.legs.isInitialized()) return dossier.legs.getItems();
  return legLoader(ctx).load(dossier.code);
}

function transfersOf(ctx: Context, dossier: Dossier): Promise<Transfer[]> | Transfer[] {
  if (dossier.transfers.isInitialized()) return dossier.transfers.getItems();
  return transferLoader(ctx).load(dossier.code);
}

function historyOf(ctx: Context, dossier: Dossier): Promise<DossierEvent[]> {
  return ctx.loaders
    .many<string, DossierEvent>('onestop.history', (codes) => ctx.em.find(DossierEvent, { dossier: { $in: [...codes] } }, { orderBy: { seq: 'asc' } }), (e) => e.dossier.code)
    .load(dossier.code);
}

function noticesOf(ctx: Context, dossier: Dossier): Promise<Notice[]> {
  return ctx.loaders
    .many<string, Notice>('onestop.notices', (codes) => ctx.em.find(Notice, { dossier: { $in: [...codes] } }, { orderBy: { id: 'asc' } }), (n) => n.dossier.code)
    .load(dossier.code);
}

@Resolver(() => Dossier)
export class DossierFieldsResolver {
  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Procedure, { description: 'The procedure applied for.' })
  procedure(@Root() dossier: Dossier): Procedure {
    return new Procedure(dossier.procedureCode);
  }

  @FieldResolver(() => AdministrativeUnitRef, { nullable: true, description: 'Nơi cư trú: the applicant’s commune, as the desk recorded it.' })
  applicantCommune(@Root() dossier: Dossier): AdministrativeUnitRef | null {
    return dossier.applicantCommune ? new AdministrativeUnitRef(dossier.applicantCommune) : null;
  }

  @FieldResolver(() => AdministrativeUnitRef, { nullable: true, description: 'Nơi có đất: the parcel’s commune, as the desk recorded it.' })
  parcelCommune(@Root() dossier: Dossier): AdministrativeUnitRef | null {
    return dossier.parcelCommune ? new AdministrativeUnitRef(dossier.parcelCommune) : null;
  }

  @FieldResolver(() => String, { description: 'The one-stop rules the dossier follows: those in force on the day it was received (rulebook/regimes.ts).' })
  regime(@Root() dossier: Dossier): string {
    return regimeAt(dossier.receivedAt).basis;
  }

  @FieldResolver(() => Boolean, {
    description: 'Quá hạn bổ sung: waiting for a supplement past the date the applicant was given; its holder may stop it (stopDossier).',
  })
  supplementOverdue(@Root() dossier: Dossier, @Ctx() ctx: Context): boolean {
    return isSupplementOverdue(dossier, ctx.now);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Cơ quan chủ trì giải quyết: the agency whose legs take the largest share of the working days (the earliest on a tie), as the ledger and the control slip print it; null while SUBMITTED.',
  })
  async leadAgencyName(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<string | null> {
    return leadAgencyName(await legsOf(ctx, dossier));
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The agency whose desk received the dossier.' })
  desk(@Root() dossier: Dossier): Agency {
    return new Agency(dossier.deskCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The desk that returns the result: the receiving one, or its successor once it closed.' })
  returnDesk(@Root() dossier: Dossier): Agency {
    return new Agency(dossier.returnDeskCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that holds the dossier now.' })
  holder(@Root() dossier: Dossier): Agency | null {
    return agencyOrNull(dossier.holderCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { nullable: true, description: 'In transit: the agency it was handed to, which has not accepted yet.' })
  addressee(@Root() dossier: Dossier): Agency | null {
    return agencyOrNull(dossier.addresseeCode);
  }

  @FieldResolver(() => [DossierLeg], { description: 'The route’s legs as planned at receipt and moved since, each with its agency and deadline.' })
  legs(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierLeg[]> | DossierLeg[] {
    return legsOf(ctx, dossier);
  }

  @FieldResolver(() => [Transfer], { description: 'The control slip: every hand-over with both signatures.' })
  transfers(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Transfer[]> | Transfer[] {
    return transfersOf(ctx, dossier);
  }

  @FieldResolver(() => [DossierEvent], { description: 'Every change, in order.' })
  history(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<DossierEvent[]> {
    return historyOf(ctx, dossier);
  }

  @FieldResolver(() => [Notice], { description: 'What the applicant was told, by e-mail and SMS, and whether it went out.' })
  notices(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<Notice[]> {
    return noticesOf(ctx, dossier);
  }

  @FieldResolver(() => Boolean, {
    description: 'The history’s chain is unbroken, every event and its end are signed with the hub’s audit key, and the dossier is what its history leads to.',
  })
  async historyIntact(@Root() dossier: Dossier, @Ctx() ctx: Context): Promise<boolean> {
    const events = await historyOf(ctx, dossier);
    // The dossier as stored, with its legs and transfers: the root may be a read-only instance (queries.ts).
    const stored = await ctx.loaders
      .one<string, Dossier>('onestop.stored-dossiers', (codes) => ctx.em.find(Dossier, { code: { $in: [...codes] } }, { populate: ['legs', 'transfers'], strategy: LoadStrategy.JOINED }), (found) => found.code)
      .load(dossier.code);
    return stored !== null && recordProblem(stored, events) === null;
  }
}

@Resolver(() => DossierLeg)
export class LegResolver {
  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The agency working on this leg.' })
  agency(@Root() leg: DossierLeg): Agency {
    return new Agency(leg.agencyCode);
  }
}

@Resolver(() => Transfer)
export class TransferResolver {
  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The agency that handed the dossier over.' })
  from(@Root() transfer: Transfer): Agency {
    return new Agency(transfer.fromCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The agency the dossier was handed to.' })
  to(@Root() transfer: Transfer): Agency {
    return new Agency(transfer.toCode);
  }
}

@Resolver(() => DossierEvent)
export class DossierEventResolver {
  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { description: 'The agency the actor worked for.' })
  agency(@Root() event: DossierEvent): Agency {
    return new Agency(event.agencyCode);
  }
}

@Resolver(() => DossierConnection)
export class DossierConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many dossiers the filter matches, over every page.' })
  totalCount(@Root() connection: DossierConnection): Promise<number> | number {
    return connection.countTotal();
  }
}

@Resolver(() => DossierTracking)
export class DossierTrackingResolver {
  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Procedure, { description: 'The procedure applied for.' })
  procedure(@Root() tracking: DossierTracking): Procedure {
    return new Procedure(tracking.procedureCode);
  }

  @Directive(PROVIDES_NAME)
  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that holds the dossier now.' })
  holder(@Root() tracking: DossierTracking): Agency | null {
    return agencyOrNull(tracking.holderCode);
  }
}

