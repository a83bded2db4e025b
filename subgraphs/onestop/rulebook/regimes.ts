/**
 * The one-stop rules by the date a dossier is received (chế độ một cửa theo ngày tiếp nhận): what changed
 * between Decision 09/2015/QĐ-TTg, Decree 61/2018/NĐ-CP and Decree 118/2025/NĐ-CP, in one dated table. A
 * dossier keeps the rules of the day it was received, whatever comes after.
 */

export type RegimeCode = 'QD_09_2015' | 'ND_61_2018' | 'ND_118_2025';

export interface Regime {
  code: RegimeCode;
  /** Hiệu lực: from this instant (Asia/Ho_Chi_Minh) dossiers received follow it. */
  from: Date;
  /** The text, its number and date. */
  basis: string;
  /**
   * The desk's own leg (0 working days): a paper dossier received after this many minutes past local midnight
   * goes to the processing agency at the start of the next working day; null: no such hour is set.
   */
  handOffCutoffMinutes: number | null;
  /** The forms the desk prints, and the text that sets them. */
  forms: { basis: string; receipt: string; guidance: string; controlSlip: string; supplement: string | null; refusal: string | null; apology: string | null; ledger: string };
  /** Whether a refusal slip exists (Phiếu từ chối tiếp nhận giải quyết hồ sơ): REFUSED (3) is a status then. */
  refusalSlip: boolean;
  /** Which checks of this entry rest on the text itself, and which are carried forward unverified. */
  notes: string;
}

const local = (date: string) => new Date(`${date}T00:00:00+07:00`);

/** The six forms of Circular 01/2018/TT-VPCP (in force 6/1/2019). */
const CIRCULAR_01_2018_FORMS: Regime['forms'] = {
  basis: 'Thông tư 01/2018/TT-VPCP',
  receipt: 'Mẫu số 01',
  guidance: 'Mẫu số 02',
  controlSlip: 'Mẫu số 05',
  supplement: 'Mẫu số 02',
  refusal: 'Mẫu số 03',
  apology: 'Mẫu số 04',
  ledger: 'Mẫu số 06',
};

/** In the order they took effect; each holds until the next. */
export const REGIMES: readonly Regime[] = [
  {
    code: 'QD_09_2015',
    from: local('2015-05-15'),
    basis: 'Quyết định 09/2015/QĐ-TTg ngày 25/3/2015, as Bắc Giang’s Kế hoạch 58/KH-UBND (2015) puts it to work',
    handOffCutoffMinutes: null,
    forms: {
      basis: 'Kế hoạch 58/KH-UBND (2015), phụ lục',
      receipt: 'Mẫu số 03',
      guidance: 'Mẫu số 01',
      controlSlip: 'Mẫu số 04',
      supplement: null,
      refusal: null,
      apology: null,
      ledger: 'Mẫu số 02',
    },
    refusalSlip: false,
    notes: 'No hour after which the desk hands a dossier on the next day is set by Decision 09/2015 or Plan 58 (read in domain/plan-58-KH-UBND-2015.txt): the desk hands it on the day of receipt. In force 15/5/2015 (Art. 2 of the decision, as its English text on vanbanphapluat.co gives it); replaced by Decree 61/2018 from 21/6/2018.',
  },
  {
    code: 'ND_61_2018',
    from: local('2018-06-21'),
    basis: 'Nghị định 61/2018/NĐ-CP ngày 23/4/2018 (hiệu lực 21/6/2018), Thông tư 01/2018/TT-VPCP ngày 23/11/2018',
    handOffCutoffMinutes: 15 * 60,
    forms: CIRCULAR_01_2018_FORMS,
    refusalSlip: true,
    notes: 'Art. 18: a dossier received after 15:00 is handed on the next working day. Forms of Circular 01/2018 (in force 6/1/2019).',
  },
  {
    code: 'ND_118_2025',
    from: local('2025-07-01'),
    basis: 'Nghị định 118/2025/NĐ-CP ngày 9/6/2025 (hiệu lực 1/7/2025), Thông tư 03/2025/TT-VPCP ngày 15/9/2025',
    handOffCutoffMinutes: 15 * 60,
    forms: { ...CIRCULAR_01_2018_FORMS, basis: 'Thông tư 01/2018/TT-VPCP, until the forms of Thông tư 03/2025/TT-VPCP are confirmed' },
    refusalSlip: true,
    notes:
      'Receipt regardless of administrative boundaries within the province for the procedures so listed (Art. 14(2), as reported; the procedure version’s anyDesk). The 15:00 hand-off hour and the forms are carried forward from Decree 61/2018 and Circular 01/2018: the text of Decree 118 and the forms annex of Circular 03/2025 were not read, so neither is confirmed nor contradicted here.',
  },
];

/** The rules a dossier received at `receivedAt` follows (the earliest, before it began). */
export function regimeAt(receivedAt: Date): Regime {
  let found = REGIMES[0];
  for (const regime of REGIMES) if (regime.from <= receivedAt) found = regime;
  return found;
}
