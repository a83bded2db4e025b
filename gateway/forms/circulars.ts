/**
 * Which text's form a paper follows, by the date it is issued. The forms of the one-stop mechanism were set
 * by Circular 01/2018/TT-VPCP (23/11/2018, under Decree 61/2018/NĐ-CP), then by Annex I of Circular
 * 03/2025/TT-VPCP (15/9/2025, under Decree 118/2025/NĐ-CP): Mẫu số 03 Phiếu từ chối tiếp nhận giải quyết hồ
 * sơ, Mẫu số 05 Thông báo dừng giải quyết hồ sơ. The 2025 circular's number, date and basis were read in its
 * text's opening ("Số: 03/2025/TT-VPCP, Hà Nội, ngày 15 tháng 9 năm 2025", issued by the Minister-Chairman of
 * the Government Office under Nghị định 118/2025/NĐ-CP ngày 09/6/2025), as the legal database
 * hethongphapluat.com reproduces it; the annex's list of forms only as thuviennhadat.vn reports it ("Tải file
 * word biểu mẫu Thông tư 03/2025/TT-VPCP", forms applying from 15/9/2025). Not confirmed here: the annexes
 * themselves were not read, nor the text on vanban.chinhphu.vn or in Công báo, so the wording printed follows
 * the seed's forms and the reported titles, not the annexes line by line; the 2018 circular had no form for
 * a stop.
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
