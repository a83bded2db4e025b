import 'reflect-metadata';
import { Client } from 'pg';
import { issueToken } from '../gateway/auth';
import { env } from '../subgraphs/common/env';
import { argument, gql, machine, percentile, startBenchHub } from './harness';

/**
 * `npm run bench:performance`: the provincial dashboard's `performance` query over a year of a province's
 * dossiers (1,000,000 by default), through the gateway, as a supervisor asks it.
 *
 * The year is written straight into the onestop schema with SQL (entering a million dossiers through the
 * service layer would take four hours here): dossiers spread over the 365 days before today at every desk
 * of the reference province, 96 % returned, the rest in progress (some overdue) or suspended, and the daily
 * desk counts the receipts and results would have made. The query then runs as in production.
 *
 * DATABASE_URL: use that server; otherwise an embedded PostgreSQL. Ports 4000–4005 must be free. Options:
 * --dossiers <n> (default 1000000), --runs <n> per measurement (default 50), --reuse (measure again on the
 * database the last run left, without seeding).
 */

const DATABASE = 'motcua_bench_performance';
const QUERY = `query ($from: Date!, $to: Date!, $agency: ID) {
  performance(from: $from, to: $to, agency: $agency) {
    agency { code name } received resolvedEarly resolvedOnTime resolvedLate inProgressOnTime inProgressOverdue suspended onTimeRate total
  }
}`;

/** A year of dossiers, in batches so that the server's memory and the progress line stay reasonable. */
async function seed(client: Client, count: number): Promise<void> {
  const { rows: desks } = await client.query<{ code: string; name: string }>(`select code, name from province.agency where has_desk order by code`);
  await client.query(`create temporary table bench_desk as select row_number() over (order by code) - 1 as n, code, name from province.agency where has_desk`);
  const batch = 100_000;
  const began = Date.now();
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(start + batch, count) - 1;
    // received: uniformly over the last 365 days; due: 10 working days on (14 calendar days);
    // resolved: 3 to 17 days after receipt; the last 4 % still open.
    await client.query(
      `insert into onestop.dossier (code, procedure_code, procedure_name, field, processing_days, desk_code, desk_name, return_desk_code,
              return_desk_name, holder_code, status, received_at, due_at, leg_due_at, current_leg, applicant_name, applicant_phone, documents, copies, delivery,
              received_by, due_provisional, receipt_number, ledger_book, ledger_number, supplement_items, resolved_at, returned_at,
              timeliness, outcome, history_head, history_length)
       select 'BENCH-' || lpad(g::text, 7, '0'), 'BG-XD-GPXD', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Xây dựng', 10, d.code, d.name, d.code, d.name,
              case when open then d.code end,
              case when not open then 'RETURNED' when g % 100 < 97 then 'IN_PROGRESS' when g % 100 < 99 then 'SUPPLEMENT_REQUESTED' else 'AWAITING_PAYMENT' end,
              received, received + interval '14 days', received + interval '14 days', 1,
              'Người nộp ' || g, '09' || lpad((g % 100000000)::text, 8, '0'), '{}', 1, 'AT_DESK', 'Cán bộ đo tải', false,
              g || '/TNHS', 'Xây dựng', g, '{}',
              case when not open then resolved end, case when not open then resolved end,
              case when open then null when resolved < received + interval '12 days' then 'EARLY' when resolved <= received + interval '14 days' then 'ON_TIME' else 'LATE' end,
              case when not open then 'APPROVED' end, 'bench', 0
         from generate_series($1::int, $2::int) g
         cross join lateral (select now() - interval '365 days' * (g::float8 / $3) as received) r
         cross join lateral (select received + interval '1 day' * (3 + (g::bigint * 7919 % 15)) as resolved, (g::float8 / $3) > 0.96 as open) s
         join bench_desk d on d.n = g % $4`,
      [start, end, count, desks.length],
    );
    process.stdout.write(`\r  dossiers: ${end + 1}/${count}`);
  }
  // What each receipt and each result at the desk would have counted, day by day in Vietnamese time.
  await client.query(
    `insert into onestop.desk_daily_stats (desk_code, day, received, resolved_early, resolved_on_time, resolved_late)
     select desk_code, day, sum(received), sum(early), sum(on_time), sum(late) from (
       select desk_code, (received_at at time zone 'Asia/Ho_Chi_Minh')::date as day, 1 as received, 0 as early, 0 as on_time, 0 as late
         from onestop.dossier where code like 'BENCH-%'
       union all
       select desk_code, (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date, 0,
              (timeliness = 'EARLY')::int, (timeliness = 'ON_TIME')::int, (timeliness = 'LATE')::int
         from onestop.dossier where code like 'BENCH-%' and resolved_at is not null
     ) facts group by desk_code, day
     on conflict (desk_code, day) do update set received = excluded.received, resolved_early = excluded.resolved_early,
        resolved_on_time = excluded.resolved_on_time, resolved_late = excluded.resolved_late`,
  );
  await client.query('analyze onestop.dossier; analyze onestop.desk_daily_stats');
  console.log(`\r  dossiers: ${count} at ${desks.length} desks in ${((Date.now() - began) / 1000).toFixed(0)} s, with their daily desk counts`);
}

async function measure(label: string, runs: number, ask: () => Promise<unknown>): Promise<string> {
  await ask(); // the first answer warms the caches and the gateway's query plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await ask();
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  const line = `| ${label} | ${runs} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${times[times.length - 1].toFixed(0)} |`;
  console.log(line);
  return line;
}

async function main(): Promise<void> {
  const count = argument('dossiers', 1_000_000);
  const runs = argument('runs', 50);
  const reuse = process.argv.includes('--reuse');
  const config = env();
  const hub = await startBenchHub(DATABASE, { reuse });
  const client = new Client({ connectionString: hub.databaseUrl });
  await client.connect();
  try {
    if (!reuse) {
      console.log(`1. A year of a province: ${count} dossiers…`);
      await seed(client, count);
    }
    const { rows } = await client.query<{ dossiers: string; open: string; stats: string }>(
      `select (select count(*) from onestop.dossier) as dossiers,
              (select count(*) from onestop.dossier where status in ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_PAYMENT')) as open,
              (select count(*) from onestop.desk_daily_stats) as stats`,
    );
    const supervisor = issueToken({ agency: 'BG.SNV', roles: ['SUPERVISOR'], name: 'Vũ Quang Huy' }, config.jwtSecret);
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const answer = await gql(hub.gateway, QUERY, { from: yearAgo, to: today }, supervisor);
    const province = answer.performance.find((row: { total: boolean }) => row.total);
    console.log(`2. performance() over ${rows[0].dossiers} dossiers (${rows[0].open} open, ${rows[0].stats} desk-days): the province received ${province.received}, on-time rate ${province.onTimeRate}`);
    console.log(`\nMachine: ${machine()}\n| question | runs | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- | --- |`);
    await measure('the whole province, one year (every desk and the total)', runs, () => gql(hub.gateway, QUERY, { from: yearAgo, to: today }, supervisor));
    await measure('one district desk, one year', runs, () => gql(hub.gateway, QUERY, { from: yearAgo, to: today, agency: 'BG.YENTHE' }, supervisor));
    await measure('the whole province, one month', runs, () => gql(hub.gateway, QUERY, { from: today.slice(0, 8) + '01', to: today }, supervisor));
  } finally {
    await client.end();
    await hub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
