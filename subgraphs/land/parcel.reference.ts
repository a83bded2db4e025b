import type { Context } from '../common/context';
import type { ReferenceResolvers } from '../common/federation';
import { Parcel } from './parcel.entity';

interface ParcelColumns {
  mapSheet: number;
  number: number;
  communeCode: string;
}

/** A parcel's key as one string, for loaders: map sheet, number and commune. */
export const parcelKey = ({ mapSheet, number, communeCode }: ParcelColumns) => `${mapSheet}|${number}|${communeCode}`;

/** The parcel columns a loader's key stands for. */
export function parcelColumns(key: string): ParcelColumns {
  const [mapSheet, number, communeCode] = key.split('|');
  return { mapSheet: Number(mapSheet), number: Number(number), communeCode };
}

/** One query for every parcel a request asks for by its key. */
export function parcelLoader(ctx: Context) {
  return ctx.loaders.one<string, Parcel>('land.parcel', (keys) => ctx.em.find(Parcel, { $or: keys.map(parcelColumns) }), parcelKey);
}

export const parcelReferences: ReferenceResolvers = {
  Parcel: {
    __resolveReference: (reference: { mapSheet: number; number: number; commune: { code: string } }, ctx: Context) =>
      parcelLoader(ctx).load(parcelKey({ ...reference, communeCode: reference.commune.code })),
  },
};
