import { VN_OFFSET_MS } from './scalars';

/** How forms write dates, times and places, as Vietnamese administrative documents do. */

const parts = (instant: Date) => {
  const local = new Date(instant.getTime() + VN_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: two(local.getUTCDate()),
    month: two(local.getUTCMonth() + 1),
    year: String(local.getUTCFullYear()),
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
  };
};

/** “ngày 13 tháng 02 năm 2026” */
export function dateWords(instant: Date): string {
  const { day, month, year } = parts(instant);
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/** “09 giờ 30 phút, ngày 13 tháng 02 năm 2026” */
export function timeWords(instant: Date): string {
  const { hour, minute } = parts(instant);
  return `${hour} giờ ${minute} phút, ${dateWords(instant)}`;
}

/** “09:30 ngày 13/02/2026”, short enough for an SMS. */
export function shortTime(instant: Date): string {
  const { hour, minute, day, month, year } = parts(instant);
  return `${hour}:${minute} ngày ${day}/${month}/${year}`;
}

/** dd/mm/yyyy, as the ledger writes dates. */
export function shortDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

const UNIT = /(?:^|\s)(?:tỉnh|thành phố|thị xã|quận|huyện|thị trấn|xã|phường)\s+/giu;

/** The place a document is dated at: “UBND huyện Yên Thế” → “Yên Thế”, “Sở Tư pháp tỉnh Bắc Giang” → “Bắc Giang”. */
export function placeOf(agencyName: string): string {
  let after = -1;
  for (const match of agencyName.matchAll(UNIT)) after = match.index! + match[0].length;
  return after >= 0 ? agencyName.slice(after).trim() : agencyName;
}

/** “Yên Thế, ngày 13 tháng 02 năm 2026” */
export function placeAndDate(agencyName: string, instant: Date): string {
  return `${placeOf(agencyName)}, ${dateWords(instant)}`;
}

export const TIMELINESS_WORDS: Record<string, string> = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', LATE: 'Quá hạn' };

/** Vietnamese upper case, diacritics kept: “UBND huyện Yên Thế” → “UBND HUYỆN YÊN THẾ”. */
export const upper = (text: string) => text.toLocaleUpperCase('vi');
