/**
 * Which text's form a paper follows, by the date it is issued. The forms of the one-stop mechanism were set
 * by Circular 01/2018/TT-VPCP (23/11/2018, under Decree 61/2018/NĐ-CP), then by Annex I of Circular
 * 03/2025/TT-VPCP (15/9/2025, under Decree 118/2025/NĐ-CP): Mẫu số 03 Phiếu từ chối tiếp nhận giải quyết hồ
 * sơ, Mẫu số 05 Thông báo dừng giải quyết hồ sơ (the annex's list as reported by thuviennhadat.vn, "Tải file
 * word biểu mẫu Thông tư 03/2025/TT-VPCP", which gives the forms as applying from 15/9/2025). Not confirmed
 * here: the circulars' own texts were not read, so the wording printed follows the seed's forms and the
 * reported titles, not the annexes line by line; the 2018 circular had no form for a stop.
 */

interface FormBasis {
  from: Date;
  basis: string;
  refusal: string | null;
  stop: string | null;
}

const BASES: readonly FormBasis[] = [
  { from: new Date('2019-01-01T00:00:00+07:00'), basis: 'Thông tư 01/2018/TT-VPCP', refusal: 'Mẫu số 03', stop: null },
  { from: new Date('2025-09-15T00:00:00+07:00'), basis: 'Thông tư 03/2025/TT-VPCP', refusal: 'Mẫu số 03', stop: 'Mẫu số 05' },
];

/** “Mẫu số 03 (Thông tư …)” for the paper issued at `at`, or null when no form of a circular applies. */
export function formNumber(kind: 'refusal' | 'stop', at: Date): string | null {
  const basis = [...BASES].reverse().find((candidate) => candidate.from <= at);
  const number = basis?.[kind];
  return basis && number ? `${number} (${basis.basis})` : null;
}
