import { APPLICANT, BIRTH_PACKAGE_DOCUMENTS, dataOf, eventually, hubFootprint, useDossierHub } from '../testkit/dossiers';

/**
 * The birth, residence and health-insurance package (Decree 63/2024): received at the commune, the birth
 * registered there, the dossier on to the provincial police for permanent residence and to social
 * insurance for the card, the result back at the commune's desk.
 */
describe('the birth registration package over commune, police and social insurance', () => {
  const { hub, dossiers, clock } = useDossierHub('2026-03-09T08:00:00+07:00');
  const officersOf = (code: string) => ({
    code,
    desk: () => hub.token(code, ['RECEPTIONIST'], 'Ngô Thị Mai'),
    civilStatus: () => hub.token(code, ['PROCESSOR'], 'Đặng Văn Tùng'),
  });
  // Cầu Gồ registers only the first test's birth, which is therefore its first; other registrations are Bố Hạ's.
  const commune = officersOf('BG.YENTHE.CAUGO');
  const boHa = officersOf('BG.YENTHE.BOHA');
  const police = () => hub.token('BG.CA', ['PROCESSOR'], 'Thiếu tá Lý Văn Sơn');
  const insurance = () => hub.token('BG.BHXH', ['PROCESSOR'], 'Mai Thị Hồng');
  const supervisor = () => hub.token('BG.SNV', ['SUPERVISOR']);

  const BIRTH = {
    child: { name: 'Hoàng Minh Khôi', birthDate: '2026-03-01', sex: 'MALE', birthPlace: 'Bệnh viện Đa khoa huyện Yên Thế' },
    mother: { name: 'Hoàng Thị Lụa', birthYear: 1994, ethnicity: 'Kinh' },
    father: { name: 'Nguyễn Văn Bình', birthYear: 1992, ethnicity: 'Kinh' },
  };
  const register = (input: Record<string, unknown>, token = commune.civilStatus()) =>
    hub.gql(
      `mutation ($input: RegisterBirthInput!) { registerBirth(input: $input) {
        id registerNumber book registeredBy child { name birthDate sex birthPlace } mother { name } father { name } dossier { code }
      } }`,
      { input },
      token,
    );
  const dossier = (code: string) =>
    hub.gql(
      `query ($code: ID!) { dossier(code: $code) {
        status holder { code } addressee { code } legs { seq agency { code } result }
        transfers { from { code } to { code } note handedBy } birthRegistration { registerNumber child { name } }
      } }`,
      { code },
      supervisor(),
    ).then((response) => response.data.dossier);
  /** A birth package received at the commune's desk at `receivedAt`. */
  const receive = async (receivedAt: string, at = commune) => {
    clock.set(receivedAt);
    return (await dossiers.ok('receive', { input: { procedure: 'BG-HT-KS', desk: at.code, applicant: APPLICANT, documents: BIRTH_PACKAGE_DOCUMENTS } }, at.desk())).code as string;
  };

  it('registers the birth at the commune, which hands the dossier on to the police by itself', async () => {
    const code = await receive('2026-03-09T08:00:00+07:00');
    clock.set('2026-03-09T10:00:00+07:00');
    const registered = await register({ dossier: code, ...BIRTH });
    expect(registered.errors).toBeUndefined();
    // Cầu Gồ's first birth in this hub's database: number 1 of book 01/2026.
    expect(registered.data.registerBirth).toMatchObject({
      id: 'BG.YENTHE.CAUGO-2026-1',
      registerNumber: 1,
      book: '01/2026',
      registeredBy: 'Đặng Văn Tùng',
      child: BIRTH.child,
      mother: { name: 'Hoàng Thị Lụa' },
      father: { name: 'Nguyễn Văn Bình' },
      dossier: { code },
    });

    const handed = await eventually(async () => {
      const current = await dossier(code);
      expect(current.addressee).toEqual({ code: 'BG.CA' });
      return current;
    });
    expect(handed.transfers).toEqual([
      { from: { code: 'BG.YENTHE.CAUGO' }, to: { code: 'BG.CA' }, note: 'Đã đăng ký khai sinh: số 1, quyển số 01/2026', handedBy: 'Đặng Văn Tùng' },
    ]);
    expect(handed.birthRegistration).toEqual({ registerNumber: 1, child: { name: 'Hoàng Minh Khôi' } });

    clock.set('2026-03-09T14:00:00+07:00');
    await dossiers.ok('accept', { code }, police());
    clock.set('2026-03-10T09:00:00+07:00');
    await dossiers.ok('handOver', { code, to: 'BG.BHXH' }, police());
    await dossiers.ok('accept', { code }, insurance());
    clock.set('2026-03-10T15:00:00+07:00');
    await dossiers.ok('recordResult', { code, outcome: 'APPROVED', note: 'Đã cấp thẻ bảo hiểm y tế' }, insurance());
    await dossiers.ok('accept', { code }, commune.desk());
    const returned = await dossiers.ok('returnResult', { code, receivedBy: 'Hoàng Thị Lụa' }, commune.desk());
    expect(returned).toMatchObject({ status: 'RETURNED', timeliness: 'EARLY' });
    expect(returned.legs.map((leg: any) => [leg.agency.code, leg.result])).toEqual([
      ['BG.YENTHE.CAUGO', 'EARLY'],
      ['BG.CA', 'EARLY'],
      ['BG.BHXH', 'EARLY'],
    ]);
  });

  it('numbers the commune’s births continuously within the year', async () => {
    const first = dataOf(await register({ dossier: await receive('2026-03-10T08:00:00+07:00', boHa), ...BIRTH }, boHa.civilStatus())).registerBirth;
    const code = await receive('2026-03-10T09:00:00+07:00', boHa);
    const next = dataOf(await register({ dossier: code, ...BIRTH, child: { ...BIRTH.child, name: 'Hoàng Minh Anh', sex: 'FEMALE' } }, boHa.civilStatus())).registerBirth;
    expect(next).toMatchObject({ registerNumber: first.registerNumber + 1, book: '01/2026', id: `BG.YENTHE.BOHA-2026-${first.registerNumber + 1}` });
    await eventually(async () => expect((await dossier(code)).addressee).toEqual({ code: 'BG.CA' }));
  });

  describe('refuses', () => {
    let code: string;
    beforeAll(async () => {
      code = await receive('2026-03-11T09:00:00+07:00');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a birth in the future', { child: { ...BIRTH.child, birthDate: '2026-04-01' } }, 'BAD_USER_INPUT'],
      ['a child six or older', { child: { ...BIRTH.child, birthDate: '2019-01-01' } }, 'BAD_USER_INPUT'],
      ['a birth date that is not a date', { child: { ...BIRTH.child, birthDate: '2026-02-30' } }, 'BAD_USER_INPUT'],
      ['a child without a name', { child: { ...BIRTH.child, name: ' ' } }, 'BAD_USER_INPUT'],
      ['an unknown sex', { child: { ...BIRTH.child, sex: 'OTHER' } }, 'BAD_USER_INPUT'],
      ['a mother without a name', { mother: { name: '' } }, 'BAD_USER_INPUT'],
      ['a father born in 1800', { father: { name: 'A', birthYear: 1800 } }, 'BAD_USER_INPUT'],
    ])('%s', async (_case, overrides, expected) => {
      const before = await hubFootprint(hub);
      expect((await register({ dossier: code, ...BIRTH, ...overrides })).errors?.[0].extensions?.code).toBe(expected);
      expect(await hubFootprint(hub)).toEqual(before);
    });

    it('a dossier of another procedure, with BAD_USER_INPUT, and an unknown one, with NOT_FOUND', async () => {
      clock.set('2026-03-11T09:00:00+07:00');
      const land = (await dossiers.receiveLandTransfer(hub.token('BG.YENTHE', ['RECEPTIONIST']))).code;
      const district = hub.token('BG.YENTHE', ['PROCESSOR']);
      expect((await register({ dossier: land, ...BIRTH }, district)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await register({ dossier: 'BG.YENTHE.CAUGO-260311-9999', ...BIRTH })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('a second registration once the dossier has gone on, with FORBIDDEN', async () => {
      const fresh = await receive('2026-03-11T10:00:00+07:00', boHa);
      expect((await register({ dossier: fresh, ...BIRTH }, boHa.civilStatus())).errors).toBeUndefined();
      await eventually(async () => expect((await dossier(fresh)).addressee).toEqual({ code: 'BG.CA' }));
      expect((await register({ dossier: fresh, ...BIRTH }, boHa.civilStatus())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});
