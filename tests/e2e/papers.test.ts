import { aDossierAtLeg, APPLICANT, aResolvedDossier, dataOf, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';
import { doubledWords, layoutOf, layoutProblems, readPdf } from '../testkit/pdf';
import { describeWithTools } from '../testkit/system-tools';

/** Collapses pdftotext's layout spacing, so that phrases can be looked for whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The papers of the endings: the refusal slip, the stop notice and the written answer of a denial, each
 * read back as text and QR code, laid out with nothing over anything else and nothing off the page, and
 * rendered into test-output/forms/ for a person to look at.
 */
describeWithTools(['pdftotext', 'pdftoppm', 'pdfinfo'], 'the papers of a refusal, a stop and a denial', () => {
  const context = useDossierHub('2026-03-08T20:00:00+07:00');
  const { hub, dossiers, who, clock } = context;
  const get = (path: string, token?: string) => fetch(`${hub.gateway.origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const pdfOf = async (path: string, token: string) => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return Buffer.from(await response.arrayBuffer());
  };
  /** The paper read back, after its layout is checked and its pages kept as PNG under `name`. */
  const paperOf = async (path: string, token: string, name: string) => {
    const pdf = await pdfOf(path, token);
    const layout = layoutOf(pdf, name);
    expect(layoutProblems(layout)).toEqual([]);
    const read = readPdf(pdf);
    expect(doubledWords(read.text)).toEqual([]);
    return { ...read, layout };
  };

  it('prints the refusal slip of a dossier submitted online, with the reasons, the form of the day and the QR code', async () => {
    const online = hub.token('BG.YENTHE', ['SYSTEM'], 'Dịch vụ công trực tuyến huyện Yên Thế');
    const { code } = await dossiers.ok('submit', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, channel: 'ONLINE' } }, online);
    expect((await get(`/forms/refusal/${code}.pdf`, who.desk)).status).toBe(404);
    expect((await get(`/forms/receipt/${code}.pdf`, who.desk)).status).toBe(404);
    clock.set('2026-03-09T09:30:00+07:00');
    const reasons = ['Thửa đất không thuộc địa bàn huyện Yên Thế', 'Hợp đồng chuyển nhượng chưa được công chứng'];
    await dossiers.ok('refuse', { code, reasons }, who.desk);
    const paper = await paperOf(`/forms/refusal/${code}.pdf`, who.desk, 'refusal');
    expect(paper.pageSize).toMatch(/^419.53 x 595.28 pts/);
    const text = flat(paper.text);
    for (const phrase of [
      'Mẫu số 03 (Thông tư 03/2025/TT-VPCP)',
      'UBND HUYỆN YÊN THẾ',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Tiếp nhận hồ sơ của: Hoàng Thị Lụa',
      `Mã hồ sơ: ${code}`,
      'Hình thức nộp: Trực tuyến',
      'Thời gian nộp: 20 giờ 00 phút, ngày 08 tháng 03 năm 2026',
      `1. ${reasons[0]}`,
      `2. ${reasons[1]}`,
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(paper.layout.lines.some((line) => line.includes('Yên Thế, ngày 09 tháng 03 năm 2026'))).toBe(true);
    expect(paper.layout.words.map((word) => word.text)).toContain(code);
    expect(paper.qr).toEqual([code]);
  });

  it('prints the stop notice from the agency that stopped, with its reason', async () => {
    const { code } = await aDossierAtLeg(context, 2, '2026-03-09T09:00:00+07:00', [{ acceptedAt: '2026-03-09T10:00:00+07:00' }]);
    clock.set('2026-03-10T10:00:00+07:00');
    await dossiers.ok('requestSupplement', { code, items: ['Bản sao trích lục bản đồ địa chính thửa đất'], dueAt: '2026-03-17T16:30:00+07:00' }, who.land);
    clock.set('2026-03-18T09:00:00+07:00');
    const reason = 'Người nộp không bổ sung hồ sơ trong thời hạn đã yêu cầu';
    await dossiers.ok('stop', { code, reason }, who.land);
    const paper = await paperOf(`/forms/stop/${code}.pdf`, who.desk, 'stop');
    const text = flat(paper.text);
    for (const phrase of [
      'Mẫu số 05 (Thông tư 03/2025/TT-VPCP)',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Kính gửi: Ông (bà) Hoàng Thị Lụa',
      'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế thông báo dừng giải quyết hồ sơ',
      `Lý do: ${reason}`,
      // Signed for the agency that stops, under its name.
      'CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI HUYỆN YÊN THẾ (Ký, ghi rõ họ tên và đóng dấu) Trần Thị Bình',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('ĐẠI DIỆN CƠ QUAN');
    expect(paper.qr).toEqual([code]);
  });

  it('prints the written answer of a denial with its reasons; an approved dossier has none', async () => {
    const { code } = await aDossierAtLeg(context, 2, '2026-03-09T09:00:00+07:00', [{ acceptedAt: '2026-03-09T10:00:00+07:00' }]);
    clock.set('2026-03-11T09:00:00+07:00');
    const note = 'Thửa đất đang có tranh chấp, chưa được giải quyết';
    await dossiers.ok('recordResult', { code, outcome: 'DENIED', note }, who.land);
    clock.set('2026-03-11T14:00:00+07:00');
    await dossiers.ok('accept', { code }, who.desk);
    const paper = await paperOf(`/forms/answer/${code}.pdf`, who.desk, 'answer');
    const text = flat(paper.text);
    for (const phrase of ['VĂN BẢN TRẢ LỜI', `V/v không giải quyết hồ sơ ${code}`, 'Kính gửi: Ông (bà) Hoàng Thị Lụa', 'Hồ sơ không được giải quyết vì lý do sau:', `Lý do: ${note}`, 'CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI HUYỆN YÊN THẾ (Ký, ghi rõ họ tên và đóng dấu) Trần Thị Bình']) {
      expect(text).toContain(phrase);
    }
    expect(paper.qr).toEqual([code]);
    expect((await get(`/forms/stop/${code}.pdf`, who.desk)).status).toBe(404);
  });
  it('shows a return by post on the control slip (the desk hands the result to the post) and in the ledger, with the tracking number', async () => {
    const { code } = await aResolvedDossier(context, '2026-03-09T09:00:00+07:00');
    clock.set('2026-03-24T10:00:00+07:00');
    await dossiers.ok('returnResult', { code, receivedBy: 'Bưu điện huyện Yên Thế', channel: 'POST', postalTrackingNumber: 'EB123456789VN' }, who.desk);
    const slip = flat((await paperOf(`/forms/control-slip/${code}.pdf`, who.desk, 'control-slip-by-post')).text);
    expect(slip).toContain('1. Giao: Bộ phận TN&TKQ 2. Nhận: Bưu chính (Bưu điện huyện Yên Thế)');
    expect(slip).toContain('Trả kết quả qua dịch vụ bưu chính, số hiệu bưu gửi EB123456789VN');
    const { ledger } = dataOf(await hub.gql(`{ ledger(desk: "BG.YENTHE", field: "Đất đai", year: 2026) { code returnedOn note } }`, {}, who.desk));
    expect(ledger.find((row: { code: string }) => row.code === code)).toMatchObject({
      returnedOn: '2026-03-24',
      note: expect.stringContaining('Trả qua dịch vụ bưu chính, số hiệu bưu gửi EB123456789VN'),
    });
  });
});
