import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { documentsOf, PROJECT_ROOT } from '../../subgraphs/common/reference-data';
import { APPLICANT, useDossierHub } from '../testkit/dossiers';
import { describeWithTools } from '../testkit/system-tools';

/** Where browser tests leave their screenshots. */
const OUTPUT = join(PROJECT_ROOT, 'test-output');

/** Debian's chromium, never a downloaded browser; flags that keep it off the network it cannot reach. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const FIELDS = ['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'suspended'] as const;

describeWithTools(['chromium'], 'the pages the gateway serves, in a real browser', () => {
  const { hub, dossiers, who, clock } = useDossierHub('2026-02-02T09:00:00+07:00');
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    browser = await launch();
    const districtProcessor = hub.token('BG.YENTHE', ['PROCESSOR'], 'Lê Văn Cường');
    const permit = { procedure: 'BG-XD-GPXD', desk: 'BG.YENTHE', applicant: APPLICANT, documents: documentsOf('BG-XD-GPXD') };
    // A permit received in February and decided late, one received in March and decided early, two land
    // transfers still being processed (one overdue), one waiting for a supplement.
    const late = (await dossiers.ok('receive', { input: permit }, who.desk)).code;
    clock.set('2026-03-02T09:00:00+07:00');
    const early = (await dossiers.ok('receive', { input: permit }, who.desk)).code;
    await dossiers.receiveLandTransfer(who.desk); // overdue by 19 March
    const waiting = (await dossiers.receiveLandTransfer(who.desk)).code;
    await dossiers.ok('handOver', { code: waiting, to: 'BG.VPDKDD.YENTHE' }, who.desk);
    await dossiers.ok('accept', { code: waiting }, who.land);
    await dossiers.ok('requestSupplement', { code: waiting, items: ['Bản sao trích lục bản đồ'] }, who.land);
    clock.set('2026-03-05T09:00:00+07:00');
    await dossiers.ok('recordResult', { code: early, outcome: 'APPROVED' }, districtProcessor);
    clock.set('2026-03-19T09:00:00+07:00');
    await dossiers.receiveLandTransfer(who.desk);
    clock.set('2026-03-20T10:00:00+07:00');
    await dossiers.ok('recordResult', { code: late, outcome: 'DENIED', note: 'Không phù hợp quy hoạch' }, districtProcessor);
  });
  afterAll(() => browser?.close());

  it('shows a supervisor the same numbers as the performance query, with charts, the overdue dossiers and where dossiers are', async () => {
    const expected = await hub.gql(
      `{ performance(from: "2026-01-01", to: "2026-12-31") { agency { code } ${FIELDS.join(' ')} onTimeRate total } }`,
      {},
      who.supervisor,
    );
    const yenThe = expected.data.performance.find((row: any) => row.agency.code === 'BG.YENTHE');
    expect(yenThe).toMatchObject({ received: 5, resolvedEarly: 1, resolvedOnTime: 0, resolvedLate: 1, inProgressOnTime: 1, inProgressOverdue: 1, suspended: 1, onTimeRate: 0.5 });

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${hub.gateway.origin}/dashboard`);
    await page.fill('#token', who.supervisor);
    await page.click('#use-token');
    await page.fill('#from', '2026-01-01');
    await page.fill('#to', '2026-12-31');
    await page.click('#show');
    await page.waitForSelector('body[data-loaded="true"]');
    await page.waitForSelector('#performance tbody tr');

    const shown = await page.$$eval('#performance tbody tr', (rows) =>
      rows.map((row) => ({
        agency: (row as HTMLElement).dataset.agency,
        cells: Object.fromEntries([...row.querySelectorAll('td')].map((td) => [(td as HTMLElement).dataset.field, (td as HTMLElement).dataset.value ?? td.textContent])),
      })),
    );
    expect(shown.map((row) => row.agency)).toEqual(expected.data.performance.map((row: any) => row.agency.code));
    for (const row of expected.data.performance) {
      const cells = shown.find((candidate) => candidate.agency === row.agency.code)!.cells;
      for (const field of FIELDS) expect(Number(cells[field])).toBe(row[field]);
      expect(cells.onTimeRate === '' ? null : Number(cells.onTimeRate)).toBe(row.onTimeRate);
    }
    expect(await page.textContent('#performance tr.total td')).toBe('Toàn tỉnh');
    expect(await page.textContent('#performance tbody tr[data-agency="BG.YENTHE"] td')).toBe('UBND huyện Yên Thế');

    const overdue = await page.$$eval('#overdue tbody tr', (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)));
    expect(overdue).toHaveLength(1);
    expect(overdue[0][2]).toBe('UBND huyện Yên Thế');
    expect(overdue[0][4]).toMatch(/ngày$/);
    const inFlight = await page.$$eval('#in-flight tbody tr', (rows) => rows.map((row) => (row as HTMLElement).dataset.agency));
    expect(inFlight).toEqual(expect.arrayContaining(['BG.YENTHE', 'BG.VPDKDD.YENTHE']));
    expect(await page.$$eval('canvas', (canvases) => canvases.map((canvas) => (canvas as HTMLCanvasElement).width > 0))).toEqual([true, true]);
    await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
  });

  it('turns away a caller without a supervisor’s token, in Vietnamese', async () => {
    const page = await browser.newPage();
    await page.goto(`${hub.gateway.origin}/dashboard`);
    await page.fill('#token', who.desk);
    await page.click('#use-token');
    await page.waitForFunction(() => document.getElementById('error')!.textContent!.length > 0);
    expect(await page.textContent('#error')).toMatch(/^Không tải được số liệu/);
  });

  it('runs a saved operation in the explorer, served without any CDN', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${hub.gateway.origin}/explorer`);
    await page.waitForSelector('.graphiql-execute-button');
    await page.click('.graphiql-execute-button');
    // The result pane draws only the lines in view; its editor holds the whole answer.
    const shown = await page.waitForFunction(() => {
      const editor = (document.querySelector('.result-window .CodeMirror') as any)?.CodeMirror;
      const text: string = editor?.getValue() ?? '';
      return text.includes('"data"') ? text : undefined;
    });
    const expected = await hub.gql('{ agencies(tier: COMMUNE) { code name parent { name } } }');
    expect(JSON.parse(String(await shown.jsonValue())).data).toEqual(expected.data);
    expect(expected.data.agencies).toContainEqual({ code: 'BG.YENTHE.CAUGO', name: 'UBND thị trấn Cầu Gồ', parent: { name: 'UBND huyện Yên Thế' } });
    // A saved example for every operation of the contract.
    const tabs = await page.$$eval('.graphiql-tab', (elements) => elements.map((element) => element.textContent));
    for (const operation of [
      'Communes', 'Agency', 'Procedure', 'Procedures', 'Deadline', 'Track', 'Dossier', 'Dossiers', 'Guidance', 'Receive', 'HandOver', 'Accept', 'RequestSupplement', 'Supplement', 'Apologize', 'Result', 'Return', 'Withdraw',
      'Registrar', 'AgencyHistory', 'CreateAgency', 'AmendAgency', 'CloseAgency', 'Reorganize', 'TransferCompetence', 'Publish', 'Calendar', 'SetCalendar', 'SetOfficeHours',
    ]) {
      expect(tabs.some((tab) => tab?.includes(operation))).toBe(true);
    }
    expect(requests.every((url) => url.startsWith(hub.gateway.origin) || url.startsWith('data:'))).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'explorer.png') });
  });
});
