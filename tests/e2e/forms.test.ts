import ExcelJS from 'exceljs';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { APPLICANT, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';
import { doubledWords, layoutOf, layoutProblems, readPdf } from '../testkit/pdf';
import { describeWithTools } from '../testkit/system-tools';
import { connect, untilWaitingFor } from '../testkit/races';

/** Collapses pdftotext's layout spacing, so that phrases can be looked for whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describeWithTools(['pdftotext', 'pdftoppm', 'pdfinfo'], 'the printed forms, served by the gateway', () => {
  const { hub, dossiers, who, clock } = useDossierHub('2026-02-13T09:30:00+07:00');
  const get = (path: string, token?: string) => fetch(`${hub.gateway.origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  /** The form read back, after its layout is checked and its pages kept under test-output/forms/ (e2e-<form>-<key>). */
  const pdfOf = async (path: string, token: string) => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const name = path.split('?')[0].replace(/^\/forms\//, '').replace(/\.pdf$/, '');
    expect(layoutProblems(layoutOf(pdf, `e2e-${decodeURIComponent(name).replace(/[^\w.-]/g, '_')}`))).toEqual([]);
    const read = readPdf(pdf);
    expect(doubledWords(read.text)).toEqual([]);
    return read;
  };
  let code: string;

  beforeAll(async () => {
    // Received on the Friday before Tết, handed to the land branch; a supplement and an apology on the way.
    code = (await dossiers.receiveLandTransfer(who.desk, { copies: 2, delivery: 'POSTAL' })).code;
    clock.set('2026-02-13T10:00:00+07:00');
    await dossiers.ok('handOver', { code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    clock.set('2026-02-13T14:00:00+07:00');
    await dossiers.ok('accept', { code }, who.land);
    clock.set('2026-02-24T09:00:00+07:00');
    await dossiers.ok('requestSupplement', { code, items: ['Bản sao trích lục bản đồ địa chính thửa đất', 'Giấy ủy quyền có chứng thực'] }, who.land);
    clock.set('2026-02-25T08:00:00+07:00');
    await dossiers.ok('supplement', { code, documents: ['Bản sao trích lục bản đồ địa chính thửa đất', 'Giấy ủy quyền có chứng thực'] }, who.desk);
    clock.set('2026-03-02T10:00:00+07:00');
    await dossiers.ok('apologize', { code, reason: 'Phải đo đạc lại ranh giới thửa đất', newDueAt: '2026-03-16T16:00:00+07:00' }, who.land);
  });

  it('prints the receipt in two copies on one A4 sheet, every field of form 03 filled, with its QR code', async () => {
    const pdf = await pdfOf(`/forms/receipt/${code}.pdf`, who.desk);
    expect(pdf.pageSize).toBe('841.89 x 595.28 pts (A4)');
    const text = flat(pdf.text);
    for (const phrase of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Liên: Lưu',
      'Liên: Giao khách hàng',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND HUYỆN YÊN THẾ',
      'BỘ PHẬN TIẾP NHẬN VÀ',
      'Số: 1/TNHS',
      'Yên Thế, ngày 13 tháng 02 năm 2026',
      `Mã hồ sơ: ${code}`,
      'Tiếp nhận hồ sơ của: Hoàng Thị Lụa',
      'Tổ dân phố Hòa Bình, thị trấn Cầu Gồ',
      '0912345678',
      'hoangthilua@example.vn',
      'Đăng ký biến động quyền sử dụng đất',
      ...LAND_TRANSFER_DOCUMENTS.map((document) => document.slice(0, 40)),
      '2. Số lượng hồ sơ: 2 (bộ)',
      '10 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 13 tháng 02 năm 2026',
      // Due 10 working days later, Tết (16–20/2) skipped: Friday 6 March, 09:30.
      '5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 30 phút, ngày 06 tháng 03 năm 2026',
      'qua dịch vụ bưu chính',
      // The land book is the first the desk opened in 2026.
      'Quyển số: 1',
      'Số thứ tự: 1',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Nguyễn Văn An',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(pdf.qr).toEqual([code]);
  });

  it('prints the control slip on A5, one row per hand-over with both names, times and the leg’s result', async () => {
    const pdf = await pdfOf(`/forms/control-slip/${code}.pdf`, who.land);
    expect(pdf.pageSize).toMatch(/^595.28 x 419.53 pts/);
    const text = flat(pdf.text);
    for (const phrase of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Số: 1/KSGQHS',
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 1/TNHS',
      'Cơ quan (bộ phận) giải quyết hồ sơ: Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế',
      'Cơ quan phối hợp giải quyết hồ sơ: Chi cục Thuế huyện Yên Thế',
      // The desk (Bộ phận TN&TKQ) hands over first; each hand-over has its time and two cells to sign.
      '1. Giao: Bộ phận TN&TKQ (UBND huyện Yên Thế)',
      '2. Nhận: Chi nhánh Văn phòng Đăng ký',
      '10 giờ 00 phút, ngày 13 tháng 02 năm 2026',
      'Người giao',
      'Người nhận',
      '(Ký và ghi rõ họ tên)',
      'Nguyễn Văn An',
      'Nhận: 14:00 ngày 13/02/2026',
      'Trần Thị Bình',
      'Đúng hạn',
      // The supplement's round trip through the desk.
      'Yêu cầu bổ sung: Bản sao trích lục bản đồ địa chính thửa đất',
      'Hồ sơ đã bổ sung',
      'Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính',
      'Kết quả giải quyết hồ sơ do bên nhận ghi khi nhận bàn giao hồ sơ.',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(pdf.qr).toEqual([code]);
  });

  it('prints the supplement request and the apology of the agency that made them, with its name and officer', async () => {
    const supplement = flat((await pdfOf(`/forms/supplement/${code}.pdf`, who.desk)).text);
    for (const phrase of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      // The land branch's first supplement request: numbered in its own sequence, not by the desk's receipt.
      'Số: 1/YCBS',
      'CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI HUYỆN YÊN THẾ',
      'Yên Thế, ngày 24 tháng 02 năm 2026',
      '1. Bản sao trích lục bản đồ địa chính thửa đất',
      '2. Giấy ủy quyền có chứng thực',
      'Hồ sơ của: Hoàng Thị Lụa',
      'Trần Thị Bình',
    ]) {
      expect(supplement).toContain(phrase);
    }
    const apology = await pdfOf(`/forms/apology/${code}.pdf`, who.land);
    expect(apology.pageSize).toMatch(/^419.53 x 595.28 pts/);
    const words = flat(apology.text);
    for (const phrase of [
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Số: 1/PXL',
      'Kính gửi: Ông (bà) Hoàng Thị Lụa',
      'Yên Thế, ngày 02 tháng 03 năm 2026',
      'Lý do: Phải đo đạc lại ranh giới thửa đất',
      '16 giờ 00 phút, ngày 16 tháng 03 năm 2026',
      // Signed for the land branch that apologises, under its name.
      'CHI NHÁNH VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI HUYỆN YÊN THẾ (Ký, ghi rõ họ tên và đóng dấu) Trần Thị Bình',
    ]) {
      expect(words).toContain(phrase);
    }
    expect(words).not.toContain('ĐẠI DIỆN CƠ QUAN');
    expect(apology.qr).toEqual([code]);
  });

  it('prints a guidance slip with every missing document, the desk’s phone, and its number', async () => {
    clock.set('2026-03-03T08:00:00+07:00');
    // The desk's phone as the register holds it on the slip's day.
    const amended = await hub.gql(
      `mutation ($code: ID!, $input: AmendAgencyInput!) { amendAgency(code: $code, input: $input) { code } }`,
      { code: 'BG.YENTHE', input: { phone: '0204 3 876 543', effectiveAt: '2026-03-03T00:00:00+07:00', reason: 'Kiểm thử phiếu hướng dẫn', source: 'Quyết định số 1/QĐ-KT ngày 02/03/2026 (kiểm thử)' } },
      who.supervisor,
    );
    expect(amended.errors).toBeUndefined();
    const slip = await dossiers.ok(
      'guidance',
      { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS.slice(0, 3), requirements: ['Ghi rõ số tờ, số thửa trên đơn'] } },
      who.desk,
    );
    const pdf = await pdfOf(`/forms/guidance/${slip.id}.pdf`, who.desk);
    expect(pdf.pageSize).toMatch(/^419.53 x 595.28 pts/);
    const text = flat(pdf.text);
    for (const phrase of [
      'PHIẾU HƯỚNG DẪN HOÀN THIỆN HỒ SƠ',
      'Số: 1/HDHS',
      'Yên Thế, ngày 03 tháng 03 năm 2026',
      '1. Bổ sung: Tờ khai thuế thu nhập cá nhân',
      '2. Bổ sung: Tờ khai lệ phí trước bạ nhà, đất',
      '3. Ghi rõ số tờ, số thửa trên đơn',
      'NGƯỜI HƯỚNG DẪN',
      'số điện thoại 0204 3 876 543 để được hướng dẫn',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(pdf.qr).toEqual([slip.id]);
    // By the number printed on it, at its desk: the same slip.
    const byNumber = await pdfOf(`/forms/guidance/${encodeURIComponent(slip.number)}.pdf?desk=BG.YENTHE&year=2026`, who.desk);
    expect(byNumber.qr).toEqual([slip.id]);
    expect((await get(`/forms/guidance/${encodeURIComponent(slip.number)}.pdf`, who.desk)).status).toBe(400);
  });

  it('keeps the ledger as GraphQL rows, a spreadsheet and A4 pages, the 14 columns with dates as dd/mm/yyyy', async () => {
    const rows = await hub.gql(`{ ledger(desk: "BG.YENTHE", field: "Đất đai", year: 2026) { number code copies receivedOn dueOn rescheduledOn forwardedOn leadAgency } }`, {}, who.desk);
    expect(rows.data.ledger).toEqual([
      // The appointment given at receipt (Friday 6 March), and the one the supplement and the apology led to.
      { number: 1, code, copies: 2, receivedOn: '2026-02-13', dueOn: '2026-03-06', rescheduledOn: '2026-03-16', forwardedOn: '2026-02-13', leadAgency: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' },
    ]);

    const path = `/forms/ledger.xlsx?desk=BG.YENTHE&field=${encodeURIComponent('Đất đai')}&year=2026`;
    const response = await get(path, who.desk);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    // The title block (rows 1–4), the header grouped as the seed's (rows 5–6) and numbered (row 7), then the rows.
    expect(sheet.getCell(3, 1).value).toBe('SỔ THEO DÕI HỒ SƠ');
    // The book's number, as the receipt names it (“Quyển số”).
    expect(sheet.getCell(4, 1).value).toBe('Quyển số: 1 — Lĩnh vực: Đất đai — Năm 2026');
    expect(sheet.getRow(5).getCell(2).value).toBe('Mã hồ sơ');
    expect(sheet.getRow(5).getCell(8).value).toBe('Ngày, tháng, năm');
    expect(sheet.getRow(5).getCell(12).value).toBe('Trả kết quả');
    expect([8, 9, 10, 11, 12, 13].map((column) => sheet.getRow(6).getCell(column).value)).toEqual([
      'Nhận hồ sơ', 'Hẹn trả kết quả', 'Chuyển hồ sơ đến cơ quan giải quyết', 'Nhận kết quả từ cơ quan giải quyết', 'Ngày, tháng, năm', 'Ký nhận',
    ]);
    expect((sheet.getRow(7).values as unknown[]).slice(1)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
    expect(sheet.getRow(8).getCell(2).value).toBe(code);
    // Dates are dates, shown dd/mm/yyyy; the page is A4 landscape.
    expect(sheet.getRow(8).getCell(8).value).toEqual(new Date('2026-02-13T00:00:00Z'));
    expect(sheet.getRow(8).getCell(8).numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(8).getCell(9).value).toEqual(new Date('2026-03-06T00:00:00Z'));
    expect(String(sheet.getRow(8).getCell(14).value)).toContain('Hẹn lại: 16/03/2026');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });

    const pdf = await pdfOf(path.replace('.xlsx', '.pdf'), who.supervisor);
    expect(pdf.pageSize).toBe('841.89 x 595.28 pts (A4)');
    const text = flat(pdf.text);
    for (const phrase of ['SỔ THEO DÕI HỒ SƠ', 'Quyển số: 1 — Lĩnh vực: Đất đai — Năm 2026', 'Tên TTHC', 'Cơ quan chủ trì', 'Ngày, tháng, năm', 'Trả kết quả', code, '13/02/2026', '06/03/2026 hẹn lại 16/03/2026', 'Hoàng Thị Lụa', 'Ghi chú: Sổ theo dõi hồ sơ được lập theo từng lĩnh vực']) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('Số:');
  });

  it('serves forms only to those who may read the dossier', async () => {
    expect((await get(`/forms/receipt/${code}.pdf`)).status).toBe(401);
    expect((await get(`/forms/receipt/${code}.pdf`, who.otherDesk)).status).toBe(403);
    expect((await get(`/forms/receipt/BG.YENTHE-260213-9999.pdf`, who.desk)).status).toBe(404);
    expect((await get(`/forms/ledger.xlsx?desk=BG.YENTHE&field=x&year=2026`, who.otherDesk)).status).toBe(403);
    // A building permit, so that the land ledger the other tests read keeps its one row.
    const fresh = await dossiers.ok('receive', { input: { procedure: 'BG-XD-GPXD', desk: 'BG.YENTHE', applicant: APPLICANT, documents: documentsOf('BG-XD-GPXD') } }, who.desk);
    expect((await get(`/forms/apology/${fresh.code}.pdf`, who.desk)).status).toBe(404);
    expect((await get(`/forms/nothing/${fresh.code}.pdf`, who.desk)).status).toBe(404);
  });

  it('numbers the desk’s ledger books of the year in the order they were opened, each entry carrying its book’s number (Quyển số)', async () => {
    clock.set('2026-03-03T09:00:00+07:00');
    const receive = (procedure: string) =>
      dossiers.ok('receive', { input: { procedure, desk: 'BG.YENTHE', applicant: APPLICANT, documents: documentsOf(procedure) } }, who.desk);
    // The building book was opened second (by the test before); the land book keeps its number and counts on.
    const building = await receive('BG-XD-GPXD');
    const land = await receive('BG-DD-LD');
    expect(building).toMatchObject({ ledgerBook: 'Xây dựng 2026', ledgerNumber: 2 });
    expect(land).toMatchObject({ ledgerBook: 'Đất đai 2026', ledgerNumber: 2 });
    const volumes = await hub.gql(
      `query ($a: ID!, $b: ID!) { a: dossier(code: $a) { ledgerVolume } b: dossier(code: $b) { ledgerVolume } }`,
      { a: building.code, b: land.code },
      who.supervisor,
    );
    expect(volumes.data).toEqual({ a: { ledgerVolume: 2 }, b: { ledgerVolume: 1 } });
    const receipt = flat((await pdfOf(`/forms/receipt/${building.code}.pdf`, who.desk)).text);
    expect(receipt).toContain('Quyển số: 2');
    expect(receipt).not.toContain('Xây dựng 2026');

    // The land branch numbers its own papers: its second supplement request and apology, whatever the desk's receipt number.
    expect(land.receiptNumber).not.toMatch(/^2\//);
    await dossiers.ok('handOver', { code: land.code, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: land.code }, who.land);
    clock.set('2026-03-04T09:00:00+07:00');
    await dossiers.ok('requestSupplement', { code: land.code, items: ['Giấy ủy quyền có chứng thực'] }, who.land);
    clock.set('2026-03-05T09:00:00+07:00');
    await dossiers.ok('supplement', { code: land.code, documents: ['Giấy ủy quyền có chứng thực'] }, who.desk);
    clock.set('2026-03-06T09:00:00+07:00');
    await dossiers.ok('apologize', { code: land.code, reason: 'Phải xác minh nguồn gốc đất', newDueAt: '2026-06-30T16:00:00+07:00' }, who.land);
    expect(flat((await pdfOf(`/forms/supplement/${land.code}.pdf`, who.desk)).text)).toContain('Số: 2/YCBS');
    expect(flat((await pdfOf(`/forms/apology/${land.code}.pdf`, who.land)).text)).toContain('Số: 2/PXL');
  });

  it('gives a receipt that waited while another opened the ledger book that book’s number', async () => {
    clock.set('2026-03-09T09:00:00+07:00');
    // The test plays the receipt that opens Tân Yên's land book of 2026 as its first entry and takes the desk's
    // next book number; a real receipt runs into it, waits for the book's counter, and goes in as entry 2.
    const opener = await connect(hub);
    try {
      await opener.query('begin');
      const book = 'BG.TANYEN|Đất đai|2026';
      await opener.query(`insert into onestop.counter (scope, key, value) values ('ledger', $1, 1)`, [book]);
      const [{ value: volume }] = (
        await opener.query(
          `insert into onestop.counter (scope, key, value) values ('ledger-volume', 'BG.TANYEN|2026', 1)
           on conflict (scope, key) do update set value = onestop.counter.value + 1 returning value`,
        )
      ).rows;
      await opener.query(`insert into onestop.counter (scope, key, value) values ('ledger-volume-of', $1, $2)`, [book, volume]);
      const receipt = dossiers.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.TANYEN', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS } }, who.otherDesk);
      // The receipt waits for the book's counter row, which the opener's transaction holds.
      await untilWaitingFor(opener, 'row');
      await opener.query('commit');
      const received = await receipt;
      expect(received).toMatchObject({ ledgerBook: 'Đất đai 2026', ledgerNumber: 2 });
      const { data } = await hub.gql(`query ($code: ID!) { dossier(code: $code) { ledgerVolume } }`, { code: received.code }, who.supervisor);
      expect(data).toEqual({ dossier: { ledgerVolume: volume } });
    } finally {
      await opener.end();
    }
  });
});
