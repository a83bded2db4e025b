import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { documentsOf } from '../../subgraphs/common/reference-data';
import { APPLICANT, eventually, useDossierHub } from '../testkit/dossiers';
import { redirectLogs } from '../../subgraphs/common/log';

/** A real SMTP server on a local port: keeps every message it accepts; refuses mail while `refusing`. */
class MailCatcher {
  readonly messages: ParsedMail[] = [];
  refusing = false;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom: (_address, _session, done) =>
      done(this.refusing ? Object.assign(new Error('Hệ thống thư đang bảo trì'), { responseCode: 451 }) : undefined),
    onData: (stream, _session, done) => {
      simpleParser(stream).then(
        (mail) => {
          this.messages.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((ready) => this.server.listen(0, '127.0.0.1', ready));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  to(address: string, subject: RegExp): ParsedMail[] {
    return this.messages.filter((mail) => mail.to && 'text' in mail.to && mail.to.text === address && subject.test(mail.subject ?? ''));
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

interface Sms {
  to: string;
  text: string;
  reference: string;
  headers: IncomingHttpHeaders;
}

/** An SMS gateway on a local port: 503 while a number has failures left, 500 for numbers that never work. */
class SmsGateway {
  readonly received: Sms[] = [];
  readonly failuresLeft = new Map<string, number>();
  readonly broken = new Set<string>();
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const sms = { ...(JSON.parse(body) as Omit<Sms, 'headers'>), headers: req.headers };
      const left = this.failuresLeft.get(sms.to) ?? 0;
      if (this.broken.has(sms.to)) {
        res.writeHead(500).end('Số thuê bao không hợp lệ');
      } else if (left > 0) {
        this.failuresLeft.set(sms.to, left - 1);
        res.writeHead(503).end('busy');
      } else {
        this.received.push(sms);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      }
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((ready) => this.server.listen(0, '127.0.0.1', ready));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  to(phone: string, text: RegExp): Sms[] {
    return this.received.filter((sms) => sms.to === phone && text.test(sms.text));
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

const PERMIT = { procedure: 'BG-XD-GPXD', desk: 'BG.YENTHE', applicant: APPLICANT, documents: documentsOf('BG-XD-GPXD') };
const NOTICES = `query ($code: ID!) { dossier(code: $code) { status historyIntact notices { kind channel recipient subject body status attempts lastError sentAt } } }`;
const PHONE = '0912345678';

describe('citizen notices over real SMTP and an HTTP SMS gateway', () => {
  const mail = new MailCatcher();
  const sms = new SmsGateway();
  beforeAll(async () => {
    await mail.start();
    await sms.start();
  });
  const { hub, dossiers, who, clock } = useDossierHub('2026-03-02T09:00:00+07:00', () => ({
    notices: {
      smtpUrl: `smtp://127.0.0.1:${mail.port}`,
      mailFrom: 'Bộ phận Một cửa huyện Yên Thế <motcua@yenthe.bacgiang.gov.vn>',
      smsUrl: sms.url,
      smsToken: 'sms-gateway-token',
      pollMs: 50,
      retryMs: 50,
      maxAttempts: 10,
    },
  }));
  afterAll(async () => {
    await mail.stop();
    await sms.stop();
  });

  const noticesOf = async (code: string) => (await hub.gql(NOTICES, { code }, who.desk)).data.dossier;
  const delivered = (code: string, count: number) =>
    eventually(async () => {
      const dossier = await noticesOf(code);
      const settled = dossier.notices.filter((notice: any) => notice.status === 'SENT');
      if (settled.length < count) throw new Error(`${settled.length} of ${count} notices sent: ${JSON.stringify(dossier.notices)}`);
      return dossier;
    });

  it('tells the applicant at receipt, supplement request, apology and result, in Vietnamese, by e-mail and SMS', async () => {
    clock.set('2026-03-02T09:00:00+07:00');
    const processor = hub.token('BG.YENTHE', ['PROCESSOR'], 'Lê Văn Cường');
    const { code, dueAt } = await dossiers.ok('receive', { input: PERMIT }, who.desk);
    await delivered(code, 2);
    // A notice is SENT once the mail server has accepted it.
    const [receipt] = mail.to(APPLICANT.email, new RegExp(`^Đã tiếp nhận hồ sơ ${code}$`));
    expect(receipt.from?.value).toEqual([{ name: 'Bộ phận Một cửa huyện Yên Thế', address: 'motcua@yenthe.bacgiang.gov.vn' }]);
    expect(receipt.headers.get('x-mot-cua-dossier')).toBe(code);
    expect(receipt.text).toContain('Kính gửi Ông/Bà Hoàng Thị Lụa,');
    expect(receipt.text).toContain('Bộ phận Tiếp nhận và Trả kết quả UBND huyện Yên Thế đã tiếp nhận hồ sơ của Ông/Bà.');
    expect(receipt.text).toContain('- Thủ tục: Cấp giấy phép xây dựng nhà ở riêng lẻ');
    expect(receipt.text).toContain('- Tiếp nhận lúc: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026');
    expect(dueAt).toBe('2026-03-23T09:00:00+07:00');
    expect(receipt.text).toContain('- Hẹn trả kết quả: 09 giờ 00 phút, ngày 23 tháng 03 năm 2026');
    const [text] = sms.to(PHONE, new RegExp(code));
    expect(text.text).toBe(`UBND huyện Yên Thế đã tiếp nhận hồ sơ ${code}, hẹn trả kết quả 09:00 ngày 23/03/2026.`);
    expect(text.headers.authorization).toBe('Bearer sms-gateway-token');
    expect(text.headers['idempotency-key']).toBe(text.reference);

    clock.set('2026-03-03T10:00:00+07:00');
    await dossiers.ok('requestSupplement', { code, items: ['Bản vẽ mặt bằng móng', 'Bản sao giấy tờ về quyền sử dụng đất'] }, processor);
    await delivered(code, 4);
    const [supplement] = mail.to(APPLICANT.email, new RegExp(`^Hồ sơ ${code} cần bổ sung$`));
    expect(supplement.text).toContain(`UBND huyện Yên Thế đề nghị Ông/Bà bổ sung hồ sơ ${code} (Cấp giấy phép xây dựng nhà ở riêng lẻ) các giấy tờ sau:\n- Bản vẽ mặt bằng móng\n- Bản sao giấy tờ về quyền sử dụng đất`);
    expect(sms.to(PHONE, /cần bổ sung/).at(-1)!.text).toBe(
      `Hồ sơ ${code} cần bổ sung: Bản vẽ mặt bằng móng; Bản sao giấy tờ về quyền sử dụng đất. Mời Ông/Bà nộp bổ sung tại UBND huyện Yên Thế.`,
    );

    clock.set('2026-03-04T10:00:00+07:00');
    await dossiers.ok('supplement', { code, documents: ['Bản vẽ mặt bằng móng'] }, who.desk);
    clock.set('2026-03-05T10:00:00+07:00');
    await dossiers.ok('apologize', { code, reason: 'Cần kiểm tra thực địa lần hai', newDueAt: '2026-04-01T09:00:00+07:00' }, processor);
    await delivered(code, 6);
    const [apology] = mail.to(APPLICANT.email, new RegExp(`^Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}$`));
    expect(apology.text).toContain('Lý do: Cần kiểm tra thực địa lần hai');
    expect(apology.text).toContain('Thời gian hẹn trả kết quả mới: 09 giờ 00 phút, ngày 01 tháng 04 năm 2026.');
    expect(sms.to(PHONE, /xin lỗi/).at(-1)!.text).toBe(
      `UBND huyện Yên Thế xin lỗi Ông/Bà vì hồ sơ ${code} chậm so với hẹn. Hẹn trả kết quả mới: 09:00 ngày 01/04/2026.`,
    );

    clock.set('2026-03-06T10:00:00+07:00');
    await dossiers.ok('recordResult', { code, outcome: 'APPROVED' }, processor);
    const done = await delivered(code, 8);
    const [ready] = mail.to(APPLICANT.email, new RegExp(`^Hồ sơ ${code} đã có kết quả$`));
    expect(ready.text).toContain('Mời Ông/Bà đến Bộ phận Tiếp nhận và Trả kết quả UBND huyện Yên Thế nhận kết quả');
    expect(sms.to(PHONE, /đã có kết quả/).at(-1)!.text).toBe(`Hồ sơ ${code} đã có kết quả. Mời Ông/Bà đến UBND huyện Yên Thế nhận kết quả.`);

    // The dossier keeps what it was told and how; returning the result tells nothing more.
    expect(done.notices.map((notice: any) => `${notice.kind} ${notice.channel} ${notice.recipient}`)).toEqual([
      `RECEIVED EMAIL ${APPLICANT.email}`,
      `RECEIVED SMS ${PHONE}`,
      `SUPPLEMENT_REQUESTED EMAIL ${APPLICANT.email}`,
      `SUPPLEMENT_REQUESTED SMS ${PHONE}`,
      `APOLOGY EMAIL ${APPLICANT.email}`,
      `APOLOGY SMS ${PHONE}`,
      `RESULT_READY EMAIL ${APPLICANT.email}`,
      `RESULT_READY SMS ${PHONE}`,
    ]);
    await dossiers.ok('returnResult', { code, receivedBy: APPLICANT.name }, who.desk);
    expect((await noticesOf(code)).notices).toHaveLength(8);
  });

  it('sends SMS only when the applicant gave no e-mail, and a receipt retried with its key tells once', async () => {
    const input = { ...PERMIT, applicant: { ...APPLICANT, email: null, phone: '+84 988 111 222' }, idempotencyKey: 'quầy-2-0915' };
    const first = await dossiers.ok('receive', { input }, who.desk);
    const again = await dossiers.ok('receive', { input }, who.desk);
    expect(again.code).toBe(first.code);
    const dossier = await delivered(first.code, 1);
    expect(dossier.notices.map((notice: any) => `${notice.kind} ${notice.channel} ${notice.recipient}`)).toEqual([`RECEIVED SMS 0988111222`]);
    expect(sms.to('0988111222', new RegExp(first.code))).toHaveLength(1);
  });

  it('retries an SMS the gateway turned away, with the same idempotency key', async () => {
    sms.failuresLeft.set('0977000111', 2);
    const { code } = await dossiers.ok('receive', { input: { ...PERMIT, applicant: { ...APPLICANT, email: null, phone: '0977000111' } } }, who.desk);
    const dossier = await delivered(code, 1);
    expect(dossier.notices[0]).toMatchObject({ status: 'SENT', attempts: 3, lastError: null });
    expect(sms.to('0977000111', new RegExp(code))).toHaveLength(1);
  });

  it('receives the dossier while the mail server refuses, and sends the e-mail once it accepts again', async () => {
    mail.refusing = true;
    try {
      const { code, status } = await dossiers.ok('receive', { input: { ...PERMIT, applicant: { ...APPLICANT, email: 'lua.hoang@example.vn' } } }, who.desk);
      expect(status).toBe('RECEIVED');
      const waiting = await eventually(async () => {
        const email = (await noticesOf(code)).notices.find((notice: any) => notice.channel === 'EMAIL');
        if (!email.lastError) throw new Error('not tried yet');
        return email;
      });
      expect(waiting).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/451/) });
      expect(mail.to('lua.hoang@example.vn', /./)).toHaveLength(0);
      mail.refusing = false;
      const dossier = await delivered(code, 2);
      expect(dossier).toMatchObject({ status: 'RECEIVED', historyIntact: true });
      expect(mail.to('lua.hoang@example.vn', new RegExp(code))).toHaveLength(1);
    } finally {
      mail.refusing = false;
    }
  });
});

describe('citizen notices that cannot be sent', () => {
  const sms = new SmsGateway();
  const logged: string[] = [];
  let restoreLogs: () => void;
  beforeAll(async () => {
    await sms.start();
    restoreLogs = redirectLogs({ write: (line: string) => void logged.push(line) });
  });
  // No SMTP server configured, as in development: e-mails go to the log. The SMS gateway never accepts.
  const { hub, dossiers, who } = useDossierHub('2026-03-02T09:00:00+07:00', () => ({
    notices: { smtpUrl: undefined, logUnconfigured: true, smsUrl: sms.url, pollMs: 50, retryMs: 50, maxAttempts: 3 },
  }));
  afterAll(async () => {
    restoreLogs();
    await sms.stop();
  });

  it('writes e-mails to the log in development, and gives an SMS up after the set attempts without touching the dossier', async () => {
    sms.broken.add('0966555444');
    const { code } = await dossiers.ok('receive', { input: { ...PERMIT, applicant: { ...APPLICANT, phone: '0966555444' } } }, who.desk);
    const dossier = await eventually(async () => {
      const current = (await hub.gql(NOTICES, { code }, who.desk)).data.dossier;
      if (current.notices.some((notice: any) => notice.status === 'PENDING')) throw new Error('still sending');
      return current;
    });
    expect(dossier).toMatchObject({ status: 'RECEIVED', historyIntact: true });
    const [email, text] = dossier.notices;
    expect(email).toMatchObject({ channel: 'EMAIL', status: 'LOGGED', attempts: 1 });
    const notices = logged.map((line) => JSON.parse(line)).filter((entry) => entry.dossier === code && entry.channel === 'EMAIL');
    expect(notices.some((entry) => entry.subject?.includes(`Đã tiếp nhận hồ sơ ${code}`) || entry.body.includes(`Đã tiếp nhận hồ sơ ${code}`))).toBe(true);
    expect(notices.some((entry) => entry.body.includes('Kính gửi Ông/Bà Hoàng Thị Lụa,'))).toBe(true);
    expect(text).toMatchObject({ channel: 'SMS', status: 'FAILED', attempts: 3, sentAt: null, lastError: 'SMS gateway answered 500: Số thuê bao không hợp lệ' });
  });
});
