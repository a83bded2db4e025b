import { join } from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { applyDecisionFile } from '../../scripts/decisions';
import { APPLICANT, documentsAt, eventually, LAND_TRANSFER_DOCUMENTS, useDossierHub } from '../testkit/dossiers';
import { readPdf } from '../testkit/pdf';
import { describeWithTools } from '../testkit/system-tools';

/**
 * The province as it is after 1/7/2025: the bundled decisions of `domain/reorganization-2025.json` applied,
 * as `npm run reorganize` applies a file, to a database that held the province as it was on 30/6/2025 (the
 * tests' template) with a dossier in flight at a district desk.
 */

const REFORM_FILE = join(PROJECT_ROOT, 'domain', 'reorganization-2025.json');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describeWithTools(['pdftotext', 'pdftoppm', 'pdfinfo'], 'the reformed province of 1/7/2025', () => {
  const { hub, dossiers, clock } = useDossierHub('2025-06-26T09:00:00+07:00');
  const supervisor = () => hub.token('BG.SNV', ['SUPERVISOR'], 'Vũ Quang Huy');
  const read = async (code: string) =>
    (
      await hub.gql(
        `query ($code: ID!) { dossier(code: $code) {
          deskName desk { code name } returnDesk { code } returnDeskName addressee { code } legs { agency { code } agencyName }
          transfers { fromName toName note } history { action agencyName }
        } }`,
        { code },
        supervisor(),
      )
    ).data.dossier;
  let before: string;

  it('sends a dossier received at a district desk before the reform to the commune that took over its applicant’s area', async () => {
    before = (
      await dossiers.ok(
        'receive',
        { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents: LAND_TRANSFER_DOCUMENTS, applicantCommune: 'BG.YENTHE.BOHA' } },
        hub.token('BG.YENTHE', ['RECEPTIONIST'], 'Nguyễn Văn An'),
      )
    ).code;

    clock.set('2025-07-01T08:00:00+07:00');
    const applied = await applyDecisionFile(hub.database.url, REFORM_FILE, { now: clock.now });
    expect(applied).toEqual({ applied: ['BN-2025-07-01-NQ1658'], skipped: ['BG-2021-07-01-LLTP-HO-KHAU', 'BG-2025-03-01-LLTP-CONG-AN'] });
    // Applying the file again changes nothing.
    expect((await applyDecisionFile(hub.database.url, REFORM_FILE, { now: clock.now })).applied).toEqual([]);

    const moved = await eventually(async () => {
      const current = await read(before);
      expect(current.addressee).toEqual({ code: 'BN.XA.BOHA' });
      return current;
    });
    expect(moved).toMatchObject({
      deskName: 'UBND huyện Yên Thế',
      returnDesk: { code: 'BN.XA.BOHA' },
      returnDeskName: 'UBND xã Bố Hạ',
      legs: [
        { agency: { code: 'BN.XA.BOHA' }, agencyName: 'UBND xã Bố Hạ' },
        { agency: { code: 'BG.VPDKDD.YENTHE' }, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' },
        { agency: { code: 'BG.CT.YENTHE' }, agencyName: 'Chi cục Thuế huyện Yên Thế' },
        { agency: { code: 'BG.VPDKDD.YENTHE' }, agencyName: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Yên Thế' },
      ],
    });
    expect(moved.transfers).toEqual([{ fromName: 'UBND huyện Yên Thế', toName: 'UBND xã Bố Hạ', note: expect.stringContaining('1658/NQ-UBTVQH15') }]);
    expect(moved.history.map((event: any) => event.action)).toEqual(['RECEIVE', 'REASSIGN']);
  });

  it('shows and prints the names of its day', async () => {
    const receipt = await fetch(`${hub.gateway.origin}/forms/receipt/${before}.pdf`, { headers: { authorization: `Bearer ${supervisor()}` } });
    expect(receipt.status).toBe(200);
    const text = flat(readPdf(Buffer.from(await receipt.arrayBuffer())).text);
    expect(text).toContain('UBND huyện Yên Thế');
    expect(text).toContain('Yên Thế, ngày 26 tháng 06 năm 2025');
    const desk = await read(before);
    expect(desk.desk).toEqual({ code: 'BG.YENTHE', name: 'UBND huyện Yên Thế' });
  });

  it('receives a land transfer at a commune desk, routed to the land and tax offices serving the parcel’s commune', async () => {
    clock.set('2025-07-02T09:00:00+07:00');
    const documents = documentsAt('BG-DD-CN', '2025-07-02T09:00:00+07:00');
    const atBoHa = hub.token('BN.XA.BOHA', ['RECEPTIONIST'], 'Lê Thị Hoa');
    // The commune's address and phone, entered in the register, are printed on its receipts from their date.
    const contact = await hub.gql(
      `mutation ($input: AmendAgencyInput!) { amendAgency(code: "BN.XA.BOHA", input: $input) { address } }`,
      { input: { address: 'Trụ sở UBND xã Bố Hạ (địa chỉ kiểm thử)', phone: '0204 3 888 888', effectiveAt: '2025-07-01T00:00:00+07:00', reason: 'Địa chỉ trụ sở', source: 'Quyết định số 2/QĐ-KT (kiểm thử)' } },
      supervisor(),
    );
    expect(contact.errors).toBeUndefined();
    const received = await dossiers.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BN.XA.BOHA', applicant: APPLICANT, documents, parcelCommune: 'BN.XA.BOHA' } }, atBoHa);
    const receipt = await fetch(`${hub.gateway.origin}/forms/receipt/${received.code}.pdf`, { headers: { authorization: `Bearer ${atBoHa}` } });
    expect(flat(readPdf(Buffer.from(await receipt.arrayBuffer())).text)).toContain('Trụ sở UBND xã Bố Hạ (địa chỉ kiểm thử). Điện thoại: 0204 3 888 888');
    expect(received.legs.map((leg: any) => leg.agency.code)).toEqual(['BN.XA.BOHA', 'BG.VPDKDD.YENTHE', 'BG.CT.YENTHE', 'BG.VPDKDD.YENTHE']);
    expect(received.code).toMatch(/^BN\.XA\.BOHA-250702-0001$/);
    const version = await hub.gql(`query ($code: ID!) { dossier(code: $code) { procedureVersion regime } }`, { code: received.code }, supervisor());
    expect(version.data.dossier).toEqual({ procedureVersion: 2, regime: expect.stringContaining('118/2025/NĐ-CP') });

    // A parcel elsewhere goes to the branches serving its own commune.
    const elsewhere = await dossiers.ok('receive', { input: { procedure: 'BG-DD-CN', desk: 'BN.PHUONG.BACGIANG', applicant: APPLICANT, documents, parcelCommune: 'BN.PHUONG.BACGIANG' } }, hub.token('BN.PHUONG.BACGIANG', ['RECEPTIONIST']));
    expect(elsewhere.legs.map((leg: any) => leg.agency.code)).toEqual(['BN.PHUONG.BACGIANG', 'BG.VPDKDD.TPBG', 'BG.CT.TPBG', 'BG.VPDKDD.TPBG']);
    // The land transfer is not on a list of procedures received regardless of boundaries: the commune receives its own parcels.
    const outside = await dossiers.run('receive', { input: { procedure: 'BG-DD-CN', desk: 'BN.XA.BOHA', applicant: APPLICANT, documents, parcelCommune: 'BN.PHUONG.BACGIANG' } }, atBoHa);
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { parcelCommune: expect.stringContaining('its own area') } });
    const atDistrict = await dossiers.run('receive', { input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: APPLICANT, documents } }, hub.token('BG.YENTHE', ['RECEPTIONIST']));
    expect(atDistrict.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { desk: 'UBND huyện Yên Thế is closed' } });
  });

  it('receives criminal-record certificates at the police desk; the Department of Justice’s desk refuses, naming where to go', async () => {
    const documents = documentsAt('BG-TP-LLTP', '2025-07-02T09:00:00+07:00');
    expect(documents.join(' ')).not.toMatch(/hộ khẩu/);
    const input = { procedure: 'BG-TP-LLTP', desk: 'BG.STP', applicant: APPLICANT, documents };
    const atJustice = await dossiers.run('receive', { input }, hub.token('BG.STP', ['RECEPTIONIST']));
    expect(atJustice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { desk: 'since 2025-03-01 Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam is received by Công an tỉnh Bắc Giang' } });
    const withHouseholdBook = await dossiers.run('receive', { input: { ...input, desk: 'BG.CA', documents: [...documents, 'Bản chụp sổ hộ khẩu hoặc giấy chứng nhận nhân khẩu tập thể'] } }, hub.token('BG.CA', ['RECEPTIONIST']));
    expect(withHouseholdBook.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', unknown: ['Bản chụp sổ hộ khẩu hoặc giấy chứng nhận nhân khẩu tập thể'] });
    const atPolice = await dossiers.ok('receive', { input: { ...input, desk: 'BG.CA' } }, hub.token('BG.CA', ['RECEPTIONIST']));
    expect(atPolice.legs).toEqual([expect.objectContaining({ agency: { code: 'BG.CA' }, workingDays: 10 })]);
  });

  it('keeps the 2015 province as history, and names the registrar of the merged province', async () => {
    const { data } = await hub.gql(`{
      registrar { code name }
      province: agency(code: "BG.UBND") { name before: nameAt(at: "2025-06-30T12:00:00+07:00") }
      district: agency(code: "BG.YENTHE") { validTo successors { agency { code } area { code } } history { kind effectiveAt } }
      township: administrativeUnit(code: "BG.YENTHE.CAUGO") { name validTo successor { code name } }
      commune: administrativeUnit(code: "BN.XA.YENTHE") { name parent { code } predecessors { code } committee { name } }
      districts: agencies(tier: DISTRICT) { code validTo }
    }`);
    expect(data.registrar).toEqual({ code: 'BG.SNV', name: 'Sở Nội vụ tỉnh Bắc Ninh' });
    expect(data.province).toEqual({ name: 'UBND tỉnh Bắc Ninh', before: 'UBND tỉnh Bắc Giang' });
    expect(data.district).toEqual({
      validTo: '2025-07-01T00:00:00+07:00',
      successors: [{ agency: { code: 'BN.XA.YENTHE' }, area: [{ code: 'BG.YENTHE.CAUGO' }] }, { agency: { code: 'BN.XA.BOHA' }, area: [{ code: 'BG.YENTHE.BOHA' }] }],
      history: [{ kind: 'CREATED', effectiveAt: null }, { kind: 'CLOSED', effectiveAt: '2025-07-01T00:00:00+07:00' }],
    });
    expect(data.township).toEqual({ name: 'thị trấn Cầu Gồ', validTo: '2025-07-01T00:00:00+07:00', successor: { code: 'BN.XA.YENTHE', name: 'xã Yên Thế' } });
    expect(data.commune).toEqual({ name: 'xã Yên Thế', parent: null, predecessors: [{ code: 'BG.YENTHE.CAUGO' }], committee: { name: 'UBND xã Yên Thế' } });
    expect(data.districts).toHaveLength(10);
    expect(data.districts.every((district: { validTo: string | null }) => district.validTo === '2025-07-01T00:00:00+07:00')).toBe(true);
  });
});
