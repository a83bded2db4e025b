import autocannon from 'autocannon';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { documentsOf, PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { freshDatabase, graphqlBody, inPool } from './harness';
import { startArguments, startScript } from '../scripts/start-command';

/**
 * `npm run bench:compare -- <base-ref> [--duration S] [--warmup S] [--connections N] [--dossiers N] [--rounds N]
 *  [--only a,b] [--port P] [--json path] [--cpu-prof dir]` (bench/README.md tells the whole of it)
 *
 * The same load against a base ref and against this working tree, one after the other, on the same
 * PostgreSQL (DATABASE_URL's server), then pgbench on that server, and the figures side by side with their
 * ratios and the goals of issue 13.
 *
 * - The base is checked out in a git worktree under `.bench/base-<sha>` (git-ignored) and built there with its
 *   own `npm run build`; its node_modules are a link to this tree's when the two package-lock.json are the same,
 *   its own `npm ci` otherwise. Both are kept for the next run of the same sha.
 * - Each hub starts as its ref's `npm start` starts it (the `start` script of its package.json, run with this
 *   Node), with NODE_ENV=production, fresh secrets, its own fresh database and its own ports (base P..P+5,
 *   head P+50..P+55; P from --port, HUB_PORT or 4700). HUB_DIRECTORY_AS_OF=2021-06-30 gives both the 2015
 *   directory the base knows, so that the same dossiers can be seeded in both.
 * - Seeding goes through the gateway, the same requests for both: land transfers received at the ten district
 *   desks, carried to the land branch and on to the tax branch, which issues a notice; half of them paid and
 *   registered at the land branch.
 * - Each hub, once started, runs every load for the warm-up's seconds before it measures any, then each load
 *   again with its own warm-up, then measured.
 * - Resident memory is the sum of VmRSS over the hub's whole process tree, sampled during every load; the CPU
 *   of the tree, of PostgreSQL and of everything else on the machine is measured too.
 * - A load with any failed request (socket error, timeout, non-2xx, GraphQL `errors`, a missing answer) is
 *   reported as failed, never as a figure.
 */

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------------------------
// Pure parts (unit-tested in tests/unit/bench-compare.test.ts)

export interface ProcStat {
  pid: number;
  ppid: number;
  /** The command name, as the kernel keeps it (15 characters at most). */
  name: string;
  /** CPU time used so far, user and system, in clock ticks. */
  cpuTicks: number;
}

/** pid, parent pid and CPU ticks from the content of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export function parseProcStat(content: string): ProcStat | null {
  const close = content.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(content, 10);
  const name = content.slice(content.indexOf('(') + 1, close);
  // After the name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
  const fields = content.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  return Number.isInteger(pid) && Number.isInteger(ppid) ? { pid, ppid, name, cpuTicks: Number.isFinite(cpuTicks) ? cpuTicks : 0 } : null;
}

/** The whole machine's busy and total CPU ticks from the first line of /proc/stat (idle and iowait are not busy). */
export function parseMachineCpu(content: string): { busy: number; total: number } {
  const [label, ...values] = content.split('\n')[0].trim().split(/\s+/);
  if (label !== 'cpu') throw new Error('/proc/stat does not start with the cpu line');
  // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice).
  const ticks = values.slice(0, 8).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3] - ticks[4], total };
}

/** Resident memory in bytes from the content of /proc/<pid>/status (0 for a process without one, e.g. a zombie). */
export function parseVmRss(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** `root` and every process below it, given every process's parent. */
export function processTree(root: number, parents: Array<{ pid: number; ppid: number }>): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (tree.includes(pid)) continue;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string } }>;
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a profile's frame belongs: a package under node_modules, a part of node, the hub's own code, or V8's own lines. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(program)') return 'V8 and native code (program)';
    return 'V8 built-ins';
  }
  if (url.startsWith('node:')) {
    const part = url.slice('node:'.length).replace(/^internal\//, '').replace(/^deps\//, '').split('/')[0].replace(/^_/, '');
    const module = part.startsWith('http_') ? 'http' : part.startsWith('stream_') ? 'streams' : part;
    return `node: ${module === 'undici' ? 'undici (fetch)' : module}`;
  }
  const at = url.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const [first, second] = url.slice(at + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  return "the hub's own code";
}

export interface Window {
  name: string;
  /** Wall-clock milliseconds. */
  from: number;
  to: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  byCategory: Map<string, number>;
}

/**
 * Self time (ms) by category in each window, over the profiles of one hub's processes. A profile's clock is
 * its process's own: `endWallMs`, when the process ended (its file's time), places its samples on the wall
 * clock. A sample's time is the interval up to the next sample; idle time is kept apart. On a machine where
 * the process waits for a core, that wait falls on whatever was running: the shares hold, the totals are wall time.
 */
export function summariseProfiles(profiles: Array<{ profile: CpuProfile; endWallMs: number }>, windows: Window[]): Map<string, ProfileSummary> {
  const summaries = new Map(windows.map((w) => [w.name, { busyMs: 0, idleMs: 0, byCategory: new Map<string, number>() }]));
  for (const { profile, endWallMs } of profiles) {
    const categoryOfNode = new Map(profile.nodes.map((node) => [node.id, categoryOf(node.callFrame.url, node.callFrame.functionName)]));
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    let at = profile.startTime;
    for (let i = 0; i < samples.length; i++) {
      at += deltas[i] ?? 0;
      const wall = endWallMs - (profile.endTime - at) / 1000;
      const ms = (deltas[i + 1] ?? 0) / 1000;
      const category = categoryOfNode.get(samples[i]) ?? 'unknown';
      for (const w of windows) {
        if (wall < w.from || wall >= w.to) continue;
        const summary = summaries.get(w.name)!;
        if (category === '(idle)') summary.idleMs += ms;
        else {
          summary.busyMs += ms;
          summary.byCategory.set(category, (summary.byCategory.get(category) ?? 0) + ms);
        }
      }
    }
  }
  return summaries;
}

/** The sum of several windows' summaries. */
export function mergeSummaries(summaries: ProfileSummary[]): ProfileSummary {
  const merged: ProfileSummary = { busyMs: 0, idleMs: 0, byCategory: new Map() };
  for (const summary of summaries) {
    merged.busyMs += summary.busyMs;
    merged.idleMs += summary.idleMs;
    for (const [category, ms] of summary.byCategory) merged.byCategory.set(category, (merged.byCategory.get(category) ?? 0) + ms);
  }
  return merged;
}

/** A markdown table: the `top` categories of the first window by self time, with each window's shares, the rest on one line. */
export function profileTable(summaries: Map<string, ProfileSummary>, top = 16): string {
  const names = [...summaries.keys()];
  const first = summaries.get(names[0])!;
  const ranked = [...first.byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([category]) => category);
  const shown = ranked.slice(0, top);
  const share = (summary: ProfileSummary, ms: number) => (summary.busyMs > 0 ? `${((ms / summary.busyMs) * 100).toFixed(1)} %` : 'n/a');
  const row = (label: string, msOf: (summary: ProfileSummary) => number) =>
    `| ${label} | ${msOf(first).toFixed(0)} | ${names.map((name) => share(summaries.get(name)!, msOf(summaries.get(name)!))).join(' | ')} |`;
  const rest = (summary: ProfileSummary) => [...summary.byCategory.entries()].filter(([category]) => !shown.includes(category)).reduce((sum, [, ms]) => sum + ms, 0);
  return [
    `| where (self time) | ${names[0]}, ms | ${names.join(' | ')} |`,
    `| --- | --- | ${names.map(() => '---').join(' | ')} |`,
    ...shown.map((category) => row(category, (summary) => summary.byCategory.get(category) ?? 0)),
    row('everything else', rest),
    `| not idle, ms (waiting for a core included) | ${first.busyMs.toFixed(0)} | ${names.map((name) => summaries.get(name)!.busyMs.toFixed(0)).join(' | ')} |`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Processes and memory

function parentsNow(): ProcStat[] {
  const list: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parsed = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (parsed) list.push(parsed);
    } catch {
      // gone meanwhile
    }
  }
  return list;
}

/** The tree's resident memory (in all and by process), its number of processes, and each one's CPU ticks so far. */
function treeNow(root: number): { bytes: number; processes: number; rss: Map<number, number>; cpuTicks: Map<number, number> } {
  const all = parentsNow();
  const pids = processTree(root, all);
  const ticksOf = new Map(all.map((p) => [p.pid, p.cpuTicks]));
  const rss = new Map<number, number>();
  for (const pid of pids) {
    try {
      rss.set(pid, parseVmRss(readFileSync(`/proc/${pid}/status`, 'utf8')));
    } catch {
      // gone meanwhile
    }
  }
  return {
    bytes: [...rss.values()].reduce((sum, bytes) => sum + bytes, 0),
    processes: pids.length,
    rss,
    cpuTicks: new Map(pids.map((pid) => [pid, ticksOf.get(pid) ?? 0])),
  };
}

/** A process of the hub named by its command line: the script and its arguments, node's own flags left out. */
export function processLabel(cmdline: string, dir: string): string {
  const [, ...args] = cmdline.split('\0').filter(Boolean);
  return args
    .filter((arg) => !arg.startsWith('--'))
    .map((arg) => (arg.startsWith(`${dir}/`) ? arg.slice(dir.length + 1) : arg))
    .join(' ');
}

function labelOf(pid: number, dir: string): string {
  try {
    return processLabel(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), dir);
  } catch {
    return `pid ${pid}`;
  }
}

/** Whether a PostgreSQL backend serves `database`: its title reads "postgres: <cluster>: <user> <database> <client> <state>". */
export const servesDatabase = (cmdline: string, database: string) => cmdline.replace(/\0/g, ' ').split(/\s+/).includes(database);

/** CPU ticks so far of each PostgreSQL backend connected to `database`. */
function backendTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const p of parentsNow()) {
    if (p.name !== 'postgres') continue;
    try {
      if (servesDatabase(readFileSync(`/proc/${p.pid}/cmdline`, 'utf8'), database)) ticks.set(p.pid, p.cpuTicks);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

let clockTicksPerSecond = 100;

/**
 * Watches the hub's tree during a load: resident memory every 250 ms (the peak), and at the ends the CPU
 * its processes, this process (the load generator) and the whole machine used, so that what other
 * processes took from the shared cores shows.
 */
function treeSampler(root: number, database: string, dir: string) {
  let peak = 0;
  let processes = 0;
  const peakByProcess = new Map<number, { label: string; peakBytes: number }>();
  const sample = () => {
    const now = treeNow(root);
    if (now.bytes > peak) peak = now.bytes;
    processes = Math.max(processes, now.processes);
    for (const [pid, bytes] of now.rss) {
      const seen = peakByProcess.get(pid) ?? { label: labelOf(pid, dir), peakBytes: 0 };
      seen.peakBytes = Math.max(seen.peakBytes, bytes);
      peakByProcess.set(pid, seen);
    }
    return now;
  };
  const first = sample();
  const backendsBefore = backendTicks(database);
  const machineBefore = parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
  const ownBefore = process.cpuUsage();
  const began = Date.now();
  const timer = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(timer);
      const last = sample();
      const ms = Date.now() - began;
      const machine = parseMachineCpu(readFileSync('/proc/stat', 'utf8'));
      const own = process.cpuUsage(ownBefore);
      const tickMs = 1000 / clockTicksPerSecond;
      // Per process, so that one that ended meanwhile takes nothing away from the others.
      const used = (after: Map<number, number>, before: Map<number, number>) => [...after].reduce((sum, [pid, ticks]) => sum + (ticks - (before.get(pid) ?? 0)), 0) * tickMs;
      const hubCpuMs = used(last.cpuTicks, first.cpuTicks);
      const postgresCpuMs = used(backendTicks(database), backendsBefore);
      const loadGeneratorCpuMs = (own.user + own.system) / 1000;
      const machineBusyMs = (machine.busy - machineBefore.busy) * tickMs;
      return { peakBytes: peak, processes, byProcess: [...peakByProcess.values()], ms, hubCpuMs, postgresCpuMs, loadGeneratorCpuMs, otherCpuMs: Math.max(0, machineBusyMs - hubCpuMs - postgresCpuMs - loadGeneratorCpuMs) };
    },
  };
}

async function run(command: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<void> {
  console.log(`  $ ${command} ${args.join(' ')}   (in ${relative(PROJECT_ROOT, cwd) || '.'})`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...extraEnv } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

const git = async (...args: string[]) => (await execFileAsync('git', args, { cwd: PROJECT_ROOT })).stdout.trim();
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

// ---------------------------------------------------------------------------------------------------------
// The two refs

interface Ref {
  label: 'base' | 'head';
  /** The commit; the head's with "+changes" when the working tree differs from it. */
  sha: string;
  dir: string;
  /** Ports: gateway, then onestop, province, local, tax, land. */
  port: number;
  /** How onestop takes a caller directly: the gateway's signed identity envelope (base f9068b7) or the bearer token. */
  direct: 'identity-envelope' | 'bearer';
}

function directOf(dir: string): Ref['direct'] {
  const auth = join(dir, 'subgraphs', 'common', 'auth.ts');
  return existsSync(auth) && /x-hub-signature/.test(readFileSync(auth, 'utf8')) ? 'identity-envelope' : 'bearer';
}

/** The base ref checked out, its dependencies in place and built; reused when this sha was prepared before. */
async function prepareBase(ref: string, port: number): Promise<Ref> {
  const sha = await git('rev-parse', '--verify', `${ref}^{commit}`);
  const dir = join(PROJECT_ROOT, '.bench', `base-${sha.slice(0, 12)}`);
  console.log(`Base ${ref} = ${sha.slice(0, 12)} in ${relative(PROJECT_ROOT, dir)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dirname(dir), { recursive: true });
    await git('worktree', 'add', '--detach', dir, sha);
  }
  const baseLock = readFileSync(join(dir, 'package-lock.json'));
  const sameLock = baseLock.equals(readFileSync(join(PROJECT_ROOT, 'package-lock.json')));
  const modules = join(dir, 'node_modules');
  const linked = existsSync(modules) && lstatSync(modules).isSymbolicLink();
  if (sameLock) {
    if (!existsSync(modules)) symlinkSync(join(PROJECT_ROOT, 'node_modules'), modules, 'dir');
  } else {
    const stamp = join(modules, '.bench-lock');
    if (linked) rmSync(modules);
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sha256(baseLock)) {
      console.log('  its package-lock.json differs from this tree’s: npm ci there (once per lock file)');
      await run('npm', ['ci', '--no-audit', '--no-fund'], dir);
      writeFileSync(stamp, sha256(baseLock));
    }
  }
  const built = join(dir, 'dist', '.bench-built');
  if (!existsSync(built) || readFileSync(built, 'utf8') !== sha) {
    await run('npm', ['run', '-s', 'build'], dir);
    writeFileSync(built, sha);
  }
  return { label: 'base', sha, dir, port, direct: directOf(dir) };
}

async function headRef(port: number): Promise<Ref> {
  const sha = await git('rev-parse', 'HEAD');
  const changed = (await git('status', '--porcelain', '--untracked-files=no')).length > 0;
  return { label: 'head', sha: changed ? `${sha}+changes` : sha, dir: PROJECT_ROOT, port, direct: directOf(PROJECT_ROOT) };
}

// ---------------------------------------------------------------------------------------------------------
// A running hub

interface Secrets {
  jwt: string;
  identity: string;
  audit: string;
}

interface RunningHub {
  gateway: string;
  onestop: string;
  pid: number;
  stop(): Promise<void>;
}

function hubEnvironment(ref: Ref, databaseUrl: string, secrets: Secrets): Record<string, string> {
  // This process's environment without the hub's own settings, then the ref's production settings.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => value !== undefined && !/^(HUB_|DATABASE_URL$|NODE_ENV$|NODE_OPTIONS$)/.test(key))) as Record<string, string>;
  const names = ['GATEWAY', 'ONESTOP', 'PROVINCE', 'LOCAL', 'TAX', 'LAND'];
  return {
    ...inherited,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HUB_JWT_SECRET: secrets.jwt,
    HUB_IDENTITY_SECRET: secrets.identity,
    HUB_AUDIT_KEY: secrets.audit,
    HUB_HOST: '127.0.0.1',
    HUB_PORT: String(ref.port),
    ...Object.fromEntries(names.map((name, i) => [`HUB_PORT_${name}`, String(ref.port + i)])),
    HUB_DIRECTORY_AS_OF: '2021-06-30',
  };
}

/** Throws unless the six ports from `port` on are free: a hub left running there would answer in the new one's place. */
async function assertPortsFree(port: number): Promise<void> {
  for (let p = port; p < port + 6; p++) {
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once('error', () => reject(new Error(`port ${p} is in use (a hub left running?); choose others with --port`)));
      server.listen(p, '127.0.0.1', () => server.close(() => resolve()));
    });
  }
}

async function startHub(ref: Ref, databaseUrl: string, secrets: Secrets, logDir: string, cpuProfDir?: string): Promise<RunningHub> {
  await assertPortsFree(ref.port);
  const args = startArguments(startScript(ref.dir));
  const profiling = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, `${ref.label}-hub.log`), 'w');
  const hub = spawn(process.execPath, [...profiling, ...args], {
    cwd: ref.dir,
    env: hubEnvironment(ref, databaseUrl, secrets),
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const gateway = `http://127.0.0.1:${ref.port}`;
  const onestop = `http://127.0.0.1:${ref.port + 1}/graphql`;
  const exited = new Promise<number | null>((done) => hub.once('exit', (code) => done(code)));
  const stop = async () => {
    if (hub.exitCode !== null) return;
    const tree = processTree(hub.pid!, parentsNow());
    hub.kill('SIGINT');
    const finished = await Promise.race([exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), 40_000).unref())]);
    if (!finished) console.warn(`  the ${ref.label} hub did not stop in 40 s after SIGINT; killing its processes`);
    // Its other processes get 10 s more to end (and write their CPU profiles); what is left then goes, by pid.
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; finished && i < 50 && tree.slice(1).some(alive); i++) await new Promise((done) => setTimeout(done, 200));
    for (const pid of (finished ? tree.slice(1) : tree).filter(alive)) process.kill(pid, 'SIGKILL');
  };
  try {
    await waitUntilUp(gateway, hub);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${join(logDir, `${ref.label}-hub.log`)}`);
  }
  return { gateway, onestop, pid: hub.pid!, stop };
}

async function waitUntilUp(gateway: string, hub: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (hub.exitCode !== null) throw new Error(`the hub exited with ${hub.exitCode}`);
    if (await fetch(`${gateway}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error('the hub did not become healthy in 180 s');
}

// ---------------------------------------------------------------------------------------------------------
// Callers, seeding and loads

const DISTRICTS = ['TPBG', 'YENTHE', 'TANYEN', 'LANGGIANG', 'LUCNAM', 'LUCNGAN', 'SONDONG', 'YENDUNG', 'VIETYEN', 'HIEPHOA'];
const LAND_TRANSFER_DOCUMENTS = documentsOf('BG-DD-CN');
type Role = 'RECEPTIONIST' | 'PROCESSOR' | 'SUPERVISOR' | 'SYSTEM';

/** An HS256 token with the claims both refs' `issueToken` sign: sub, name, agency, roles. */
const tokenOf = (secret: string, agency: string, role: Role, name = 'Cán bộ đo tải') =>
  jwt.sign({ sub: `${agency}:${role}`, name, agency, roles: [role] }, secret, { algorithm: 'HS256', expiresIn: '4h' });

/** What the base's gateway adds to a subgraph request: the identity, base64url JSON with its time, and its HMAC. */
export function identityEnvelope(identity: { sub: string; name: string; agency: string; roles: string[] }, secret: string, now = new Date()): Record<string, string> {
  const payload = Buffer.from(JSON.stringify({ iat: Math.floor(now.getTime() / 1000), identity })).toString('base64url');
  return { 'x-hub-identity': payload, 'x-hub-signature': createHmac('sha256', secret).update(payload).digest('base64url') };
}

/** Seeding's retries of answers SERVICE_UNAVAILABLE (e.g. the shared PostgreSQL out of connections), counted for the report. */
let seedingRetries = 0;

/**
 * A request of the seeding, which must succeed. SERVICE_UNAVAILABLE means the request did not get to do its
 * work (no connection, a subgraph down): it is tried again, up to five times. The loads never retry.
 */
async function gql(gateway: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: graphqlBody(query, variables),
    });
    const text = await response.text();
    let body: { data?: any; errors?: Array<{ extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
    if (response.ok && !body.errors) return body.data;
    const unavailable = body.errors?.length && body.errors.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
    if (!unavailable || attempt === 5) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
    seedingRetries++;
    await new Promise((done) => setTimeout(done, 1000 * attempt));
  }
}

const applicant = (n: number) => ({ name: `Người nộp ${n}`, phone: `09${String(n % 100_000_000).padStart(8, '0')}`, address: 'Bắc Giang' });

/** A commune of each district's land branch, where the working set's parcels lie. */
const PARCEL_COMMUNES: Record<string, string> = {
  TPBG: 'BG.TPBG.DINHKE',
  YENTHE: 'BG.YENTHE.BOHA',
  TANYEN: 'BG.TANYEN.CAOTHUONG',
  LANGGIANG: 'BG.LANGGIANG.KEP',
  LUCNAM: 'BG.LUCNAM.DOINGO',
  LUCNGAN: 'BG.LUCNGAN.CHU',
  SONDONG: 'BG.SONDONG.ANCHAU',
  YENDUNG: 'BG.YENDUNG.NEO',
  VIETYEN: 'BG.VIETYEN.BICHDONG',
  HIEPHOA: 'BG.HIEPHOA.THANG',
};

/** Asks for the dossier's status until it is `status` (another subgraph's event moves it), for at most 60 s. */
async function untilStatus(gateway: string, token: string, code: string, status: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { dossier } = await gql(gateway, token, 'query ($code: ID!) { dossier(code: $code) { status } }', { code });
    if (dossier.status === status) return;
    if (Date.now() > deadline) throw new Error(`${code} is still ${dossier.status}, not ${status}, after 60 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * The working set: `count` land transfers, received at the ten district desks, handed to the district's land
 * branch and on to its tax branch, which issues a notice; every other one is then paid, back at the land
 * branch, and its transfer registered on a parcel, so that both `taxNotices` and `landRegistration` answer
 * with data. The same requests for every ref (ten at a time).
 */
async function seed(gateway: string, secret: string, count: number): Promise<string[]> {
  const codes: string[] = new Array(count);
  const supervisor = tokenOf(secret, 'BG.SNV', 'SUPERVISOR');
  const treasury = tokenOf(secret, 'BG.KBNN', 'SYSTEM', 'Hệ thống Kho bạc');
  await inPool(
    count,
    10,
    async (n) => {
      const district = DISTRICTS[n % DISTRICTS.length];
      const desk = tokenOf(secret, `BG.${district}`, 'RECEPTIONIST');
      const land = tokenOf(secret, `BG.VPDKDD.${district}`, 'PROCESSOR');
      const tax = tokenOf(secret, `BG.CT.${district}`, 'PROCESSOR');
      const { name } = applicant(n);
      const { receiveDossier } = await gql(gateway, desk, 'mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }', {
        input: { procedure: 'BG-DD-CN', desk: `BG.${district}`, applicant: applicant(n), documents: LAND_TRANSFER_DOCUMENTS, idempotencyKey: `bench-seed-${n}` },
      });
      const code = receiveDossier.code as string;
      const step = (mutation: string, token: string) => gql(gateway, token, `mutation ($code: ID!) { ${mutation} { code } }`, { code });
      await step(`handOverDossier(code: $code, to: "BG.VPDKDD.${district}")`, desk);
      await step('acceptDossier(code: $code)', land);
      await step(`handOverDossier(code: $code, to: "BG.CT.${district}")`, land);
      await step('acceptDossier(code: $code)', tax);
      const { issueTaxNotice: notice } = await gql(gateway, tax, 'mutation ($input: IssueTaxNoticeInput!) { issueTaxNotice(input: $input) { id total } }', {
        input: { dossier: code, items: [{ kind: 'REGISTRATION_FEE', base: String(1_000_000_000 + n * 1_000_000) }] },
      });
      if (n % 2 === 0) {
        const parcel = { mapSheet: 90, number: 1 + n, commune: PARCEL_COMMUNES[district] };
        await gql(gateway, land, 'mutation ($input: RegisterParcelInput!) { registerParcel(input: $input) { number } }', {
          input: { ...parcel, area: '120.00', address: 'Thôn Đo Tải', purpose: 'Đất ở tại nông thôn', holder: name },
        });
        await untilStatus(gateway, supervisor, code, 'AWAITING_PAYMENT');
        await step('acceptDossier(code: $code)', land);
        await gql(gateway, treasury, 'mutation ($n: ID!, $a: Money!, $r: String!) { recordTaxPayment(notice: $n, amount: $a, receiptNumber: $r) { paid } }', {
          n: notice.id,
          a: notice.total,
          r: `KB-DOTAI-${n}`,
        });
        await untilStatus(gateway, supervisor, code, 'IN_PROGRESS');
        await gql(gateway, land, 'mutation ($input: RecordLandTransferInput!) { recordLandTransfer(input: $input) { certificateNumber } }', {
          input: { dossier: code, parcel, transferee: `Người nhận ${n}`, certificateNumber: `CS ${String(900_000 + n).padStart(6, '0')}` },
        });
      }
      codes[n] = code;
    },
    'land transfers to the tax branch with a notice, every other one paid and registered at the land branch',
  );
  return codes;
}

const ONESTOP_FIELDS = 'code status procedureName deskName receivedAt dueAt currentLeg receiptNumber documents applicant { name phone } legs { seq agencyName dueAt }';
const NAMES = 'procedure { name } desk { name } holder { name } legs { agency { name } }';
const FOUR_SUBGRAPHS = 'taxNotices { number total paid } landRegistration { certificateNumber transferee }';
const read = (fields: string) => `query ($code: ID!) { dossier(code: $code) { ${fields} } }`;

export const LOADS = {
  onestop: '`dossier(code)`, onestop fields only, via the gateway',
  names: 'the same with procedure, desk, holder and leg agency names (onestop + province), via the gateway',
  four: 'names plus `taxNotices` and `landRegistration` (four subgraphs), via the gateway',
  direct: 'the onestop-only read directly at onestop',
  receive: '`receiveDossier` via the gateway',
} as const;
type LoadName = keyof typeof LOADS;

interface LoadSpec {
  url: string;
  headers: () => Record<string, string>;
  body: () => string;
  /** A good answer's body: no `errors`, and the data asked for. */
  ok: (body: string) => boolean;
}

interface Figures {
  requestsPerSecond: number | null;
  p50: number | null;
  p99: number | null;
  requests: number;
  /** Socket errors, timeouts, non-2xx answers and answers with GraphQL errors or without the data. */
  failed: number;
  failures: { errors: number; timeouts: number; non2xx: number; badAnswers: number; sample?: string };
  peakRssBytes: number;
  /** Each process's own peak (the peaks of different processes need not fall at the same moment). */
  peakRssByProcess: Array<{ label: string; peakBytes: number }>;
  /** CPU the hub's processes used per answered request, ms. */
  hubCpuMsPerRequest: number | null;
  /**
   * Cores busy, on average over the measured run: the hub's processes, the PostgreSQL backends of its database,
   * the load generator, every other process (PostgreSQL's work for others included).
   */
  cores: { hub: number; postgres: number; loadGenerator: number; others: number };
  /** The measured run, wall-clock ms. */
  from: number;
  to: number;
}

async function autocannonRun(spec: LoadSpec, seconds: number, connections: number) {
  let badAnswers = 0;
  let sample: string | undefined;
  const result = await autocannon({
    url: spec.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: any) => ({ ...request, headers: { 'content-type': 'application/json', ...spec.headers() }, body: spec.body() }),
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300 && !spec.ok(body)) {
            badAnswers++;
            sample ??= body.slice(0, 300);
          } else if (status >= 300) sample ??= `HTTP ${status}: ${body.slice(0, 300)}`;
        },
      },
    ],
  } as autocannon.Options);
  return { result, badAnswers, sample };
}

/** What to watch during a load: the hub's process tree, started in `dir`, and the backends of its `database`. */
interface Watched {
  pid: number;
  dir: string;
  database: string;
}

/** Warm-up, then the measured run, watching the hub. */
async function measure(spec: LoadSpec, hub: Watched, seconds: number, warmup: number, connections: number): Promise<Figures> {
  if (warmup > 0) await autocannonRun(spec, warmup, connections);
  const sampler = treeSampler(hub.pid, hub.database, hub.dir);
  const from = Date.now();
  const { result, badAnswers, sample } = await autocannonRun(spec, seconds, connections);
  const to = Date.now();
  const watched = sampler.stop();
  const failed = result.errors + result.timeouts + result.non2xx + badAnswers;
  const good = failed === 0 && result.requests.total > 0;
  return {
    requestsPerSecond: good ? result.requests.average : null,
    p50: good ? result.latency.p50 : null,
    p99: good ? result.latency.p99 : null,
    requests: result.requests.total,
    failed,
    failures: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, badAnswers, sample },
    peakRssBytes: watched.peakBytes,
    peakRssByProcess: watched.byProcess,
    hubCpuMsPerRequest: good ? watched.hubCpuMs / result.requests.total : null,
    cores: { hub: watched.hubCpuMs / watched.ms, postgres: watched.postgresCpuMs / watched.ms, loadGenerator: watched.loadGeneratorCpuMs / watched.ms, others: watched.otherCpuMs / watched.ms },
    from,
    to,
  };
}

function loadSpecs(ref: Ref, hub: RunningHub, secrets: Secrets, codes: string[], runId: string): Record<LoadName, LoadSpec> {
  const pick = () => codes[Math.floor(Math.random() * codes.length)];
  const supervisor = { sub: 'BG.SNV:SUPERVISOR', name: 'Cán bộ đo tải', agency: 'BG.SNV', roles: ['SUPERVISOR'] as Role[] };
  const bearer = { authorization: `Bearer ${tokenOf(secrets.jwt, supervisor.agency, 'SUPERVISOR')}` };
  const readAnswer = (body: string) => body.startsWith('{"data":{"dossier":{') && !body.includes('"errors"');
  const viaGateway = (fields: string): LoadSpec => ({ url: `${hub.gateway}/graphql`, headers: () => bearer, body: () => graphqlBody(read(fields), { code: pick() }), ok: readAnswer });
  // The envelope is good for HUB_IDENTITY_MAX_AGE_SECONDS (300 s by default): made afresh every 30 s.
  let envelope = { at: 0, headers: {} as Record<string, string> };
  const direct = () => {
    if (ref.direct === 'bearer') return bearer;
    if (Date.now() - envelope.at > 30_000) envelope = { at: Date.now(), headers: identityEnvelope(supervisor, secrets.identity) };
    return envelope.headers;
  };
  const desk = { authorization: `Bearer ${tokenOf(secrets.jwt, 'BG.YENTHE', 'RECEPTIONIST')}` };
  let receipt = 0;
  return {
    onestop: viaGateway(ONESTOP_FIELDS),
    names: viaGateway(`${ONESTOP_FIELDS} ${NAMES}`),
    four: viaGateway(`${ONESTOP_FIELDS} ${NAMES} ${FOUR_SUBGRAPHS}`),
    direct: { url: hub.onestop, headers: direct, body: () => graphqlBody(read(ONESTOP_FIELDS), { code: pick() }), ok: readAnswer },
    receive: {
      url: `${hub.gateway}/graphql`,
      headers: () => desk,
      body: () => {
        const n = 1_000_000 + receipt++;
        return graphqlBody('mutation ($input: ReceiveDossierInput!) { receiveDossier(input: $input) { code } }', {
          input: { procedure: 'BG-DD-CN', desk: 'BG.YENTHE', applicant: applicant(n), documents: LAND_TRANSFER_DOCUMENTS, idempotencyKey: `bench-${runId}-${n}` },
        });
      },
      ok: (body) => body.startsWith('{"data":{"receiveDossier":{"code":') && !body.includes('"errors"'),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// pgbench

async function pgbench(serverUrl: string, database: string, seconds: number): Promise<{ selectOnly: number | null; tpcb: number | null; error?: string }> {
  const url = await freshDatabase(serverUrl, database);
  const tps = async (args: string[]) => {
    const { stdout } = await execFileAsync('pgbench', [...args, url], { maxBuffer: 10_000_000 });
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!match) throw new Error(`pgbench printed no tps: ${stdout.slice(-300)}`);
    return Number(match[1]);
  };
  try {
    console.log(`  pgbench -i on ${database}`);
    await execFileAsync('pgbench', ['-i', '-q', url]);
    const selectOnly = await tps(['-S', '-c', '4', '-j', '2', '-T', String(seconds)]);
    console.log(`  select-only: ${selectOnly.toFixed(0)} tps`);
    const tpcb = await tps(['-c', '4', '-j', '2', '-T', String(seconds)]);
    console.log(`  TPC-B: ${tpcb.toFixed(0)} tps`);
    return { selectOnly, tpcb };
  } catch (error) {
    return { selectOnly: null, tpcb: null, error: (error as Error).message };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The run

interface RefResult {
  ref: string;
  sha: string;
  direct: Ref['direct'];
  dossiers: number;
  /** Of the working set, how many answer the four-subgraph read with tax notices, and with a land registration. */
  withTaxNotices: number;
  withLandRegistration: number;
  /** Each round's figures; `loads` takes, per load, the round with the most req/s (other processes only ever slow a run down), or a failed one. */
  rounds: Array<Partial<Record<LoadName, Figures>>>;
  loads: Partial<Record<LoadName, Figures>>;
  /** When each load was measured (after its warm-up), for the CPU profiles. */
  windows: Window[];
  peakRssBytes: number;
  /** Each process's peak over the loads, by its command line. */
  peakRssByProcess: Record<string, number>;
  processes: number;
  error?: string;
}

/** What a ref keeps from its first round for the next: its database, seeded, its secrets and its working set. */
interface Seeded {
  databaseUrl: string;
  secrets: Secrets;
  codes: string[];
}

/** Per load, the round with the most req/s; a round in which the load failed wins, so that a failure is never hidden. */
export function bestOfRounds<F extends { requestsPerSecond: number | null }>(rounds: Array<F | undefined>): F | undefined {
  const measured = rounds.filter((f): f is F => f !== undefined);
  return measured.find((f) => f.requestsPerSecond === null) ?? measured.sort((a, b) => b.requestsPerSecond! - a.requestsPerSecond!)[0];
}

/**
 * A ref's database, fresh, prepared by its own `npm start` and seeded through its hub, which then stops: the
 * loads run on a hub started afresh, so that its memory is the loads', not the seeding's.
 */
async function seedRef(ref: Ref, options: Options, serverUrl: string, prefix: string, result: RefResult): Promise<Seeded> {
  const database = `${prefix}_${ref.label}`;
  console.log(`\n== ${ref.label} ${ref.sha.slice(0, 12)}: seeding database ${database} through a hub on ports ${ref.port}–${ref.port + 5}`);
  const secrets: Secrets = { jwt: randomBytes(24).toString('hex'), identity: randomBytes(24).toString('hex'), audit: randomBytes(24).toString('hex') };
  const databaseUrl = await freshDatabase(serverUrl, database);
  const began = Date.now();
  const hub = await startHub(ref, databaseUrl, secrets, join(PROJECT_ROOT, '.bench', 'logs'));
  console.log(`  up in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${hub.pid}), the database prepared`);
  try {
    const codes = await seed(hub.gateway, secrets.jwt, options.dossiers);
    result.dossiers = codes.length;
    const supervisor = tokenOf(secrets.jwt, 'BG.SNV', 'SUPERVISOR');
    await inPool(
      codes.length,
      4,
      async (n) => {
        const { dossier } = await gql(hub.gateway, supervisor, read(`${ONESTOP_FIELDS} ${NAMES} ${FOUR_SUBGRAPHS}`), { code: codes[n] });
        if (dossier.taxNotices.length > 0) result.withTaxNotices++;
        if (dossier.landRegistration) result.withLandRegistration++;
      },
      'the four-subgraph read of every dossier, once',
    );
    console.log(`  ${result.withTaxNotices} with tax notices, ${result.withLandRegistration} with a land registration${seedingRetries ? `; ${seedingRetries} requests tried again after SERVICE_UNAVAILABLE` : ''}`);
    seedingRetries = 0;
    return { databaseUrl, secrets, codes };
  } finally {
    await hub.stop();
  }
}

/** One round of a ref: its hub started on its seeded database, then every load. Adds to `result`. */
async function measureRef(ref: Ref, options: Options, seeded: Seeded, result: RefResult): Promise<void> {
  const round = result.rounds.length + 1;
  console.log(`\n== ${ref.label} ${ref.sha.slice(0, 12)}, round ${round} of ${options.rounds}`);
  const profileDir = options.cpuProf ? join(options.cpuProf, ref.label) : undefined;
  if (profileDir && round === 1) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const began = Date.now();
  const hub = await startHub(ref, seeded.databaseUrl, seeded.secrets, join(PROJECT_ROOT, '.bench', 'logs'), profileDir);
  console.log(`  up in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${hub.pid})`);
  const figures: Partial<Record<LoadName, Figures>> = {};
  result.rounds.push(figures);
  try {
    const specs = loadSpecs(ref, hub, seeded.secrets, seeded.codes, `${ref.label}-${Date.now()}`);
    const watched = { pid: hub.pid, dir: ref.dir, database: new URL(seeded.databaseUrl).pathname.slice(1) };
    // A hub meets its first requests cold (V8 compiles as they come): on two cores the first load after a
    // start ran at half the rate of the same load a minute later, while the loads after it ran warm. So every
    // load runs once, unmeasured, before any is measured, and no load pays for the others' warm-up.
    for (const name of options.loads) if (options.warmup > 0) await autocannonRun(specs[name], options.warmup, options.connections);
    for (const name of options.loads) {
      const measured = await measure(specs[name], watched, options.duration, options.warmup, options.connections);
      figures[name] = measured;
      result.windows.push({ name, from: measured.from, to: measured.to });
      result.peakRssBytes = Math.max(result.peakRssBytes, measured.peakRssBytes);
      for (const { label, peakBytes } of measured.peakRssByProcess) result.peakRssByProcess[label] = Math.max(result.peakRssByProcess[label] ?? 0, peakBytes);
      const { cores } = measured;
      console.log(
        `  ${name}: ${describe(measured)}; hub RSS peak ${mib(measured.peakRssBytes)}; cores busy: hub ${cores.hub.toFixed(2)}, PostgreSQL ${cores.postgres.toFixed(2)}, load generator ${cores.loadGenerator.toFixed(2)}, other processes ${cores.others.toFixed(2)}`,
      );
    }
    result.processes = treeNow(hub.pid).processes;
    console.log(`  resident memory by process, peak over the loads: ${Object.entries(result.peakRssByProcess).map(([label, bytes]) => `${label || 'node'} ${mib(bytes)}`).join('; ')}`);
  } finally {
    await hub.stop();
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** Why a load has no figure, in a few words. */
const failure = (f: Figures) => (f.requests === 0 && f.failed === 0 ? 'no answer within the measured seconds' : `${f.failed} of ${f.requests} requests failed`);
const describe = (f: Figures | undefined) =>
  !f
    ? 'not run'
    : f.requestsPerSecond === null
      ? `FAILED: ${failure(f)}${f.failures.sample ? ` (e.g. ${f.failures.sample.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`
      : `${f.requestsPerSecond.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms`;

interface Options {
  baseRef: string;
  duration: number;
  warmup: number;
  connections: number;
  json?: string;
  cpuProf?: string;
  loads: LoadName[];
  pgbench: boolean;
  dossiers: number;
  rounds: number;
  port: number;
}

function options(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string' },
      connections: { type: 'string', default: '10' },
      json: { type: 'string' },
      'cpu-prof': { type: 'string' },
      only: { type: 'string' },
      dossiers: { type: 'string', default: '200' },
      rounds: { type: 'string', default: '1' },
      port: { type: 'string', default: process.env.HUB_PORT ?? '4700' },
    },
  });
  if (positionals.length !== 1) {
    throw new Error(`Usage: npm run bench:compare -- <base-ref> [--duration S] [--warmup S] [--connections N] [--json path] [--cpu-prof dir] [--only ${[...Object.keys(LOADS), 'pgbench'].join(',')}] [--dossiers N] [--rounds N] [--port P]`);
  }
  const known = [...Object.keys(LOADS), 'pgbench'];
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : known;
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const duration = Number(values.duration);
  return {
    baseRef: positionals[0],
    duration,
    warmup: values.warmup === undefined ? Math.min(5, Math.ceil(duration / 2)) : Number(values.warmup),
    connections: Number(values.connections),
    json: values.json,
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    loads: (Object.keys(LOADS) as LoadName[]).filter((name) => only.includes(name)),
    pgbench: only.includes('pgbench'),
    dossiers: Number(values.dossiers),
    rounds: Math.max(1, Number(values.rounds)),
    port: Number(values.port),
  };
}

function goals(base: RefResult, head: RefResult, pg: { selectOnly: number | null }) {
  const rps = (r: RefResult, name: LoadName) => r.loads[name]?.requestsPerSecond ?? null;
  const lines: Array<{ goal: string; met: boolean | null; figures: string }> = [];
  const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);
  const fmt = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));
  {
    const r = ratio(rps(head, 'four'), rps(base, 'four'));
    const p99 = head.loads.four?.p99 ?? null;
    const p50 = base.loads.four?.p50 ?? null;
    lines.push({
      goal: 'four-subgraph read via the gateway ≥ 4× the base’s req/s, head p99 ≤ base p50',
      met: r === null || p99 === null || p50 === null ? null : r >= 4 && p99 <= p50,
      figures: `${fmt(r)}×; head p99 ${p99 ?? 'n/a'} ms vs base p50 ${p50 ?? 'n/a'} ms`,
    });
  }
  {
    const r = ratio(rps(head, 'receive'), rps(base, 'receive'));
    lines.push({ goal: '`receiveDossier` via the gateway ≥ 3× the base', met: r === null ? null : r >= 3, figures: `${fmt(r)}×` });
  }
  {
    const r = ratio(rps(head, 'onestop'), rps(head, 'direct'));
    lines.push({ goal: 'head: onestop-only read via the gateway ≥ 0.6 × directly at onestop', met: r === null ? null : r >= 0.6, figures: fmt(r) });
  }
  {
    const ok = base.peakRssBytes > 0 && head.peakRssBytes > 0 && !base.error && !head.error;
    lines.push({
      goal: 'resident memory under load (whole process tree, peak): head ≤ base',
      met: ok ? head.peakRssBytes <= base.peakRssBytes : null,
      figures: `head ${mib(head.peakRssBytes)} (${head.processes} processes) vs base ${mib(base.peakRssBytes)} (${base.processes})`,
    });
  }
  {
    const r = ratio(rps(head, 'four'), pg.selectOnly);
    lines.push({ goal: 'stretch: head four-subgraph read ≥ 0.02 × pgbench select-only tps', met: r === null ? null : r >= 0.02, figures: `${fmt(r, 4)} (base ${fmt(ratio(rps(base, 'four'), pg.selectOnly), 4)})` });
  }
  return lines;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  clockTicksPerSecond = Number((await execFileAsync('getconf', ['CLK_TCK'])).stdout.trim()) || 100;
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // Databases named after the branch (a detached head: "bench"), so that helpers on other branches do not collide.
  const checkedOut = await git('rev-parse', '--abbrev-ref', 'HEAD');
  const branch = (checkedOut === 'HEAD' ? 'bench' : checkedOut).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'bench';
  const prefix = `${branch}_compare`;
  // Both hubs' ports before anything: a run should not fail at the head after the base's minutes.
  await assertPortsFree(opts.port);
  await assertPortsFree(opts.port + 50);
  const base = await prepareBase(opts.baseRef, opts.port);
  const head = await headRef(opts.port + 50);
  const pgVersion = await (async () => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return (await client.query<{ server_version: string }>('show server_version')).rows[0].server_version;
    } finally {
      await client.end();
    }
  })();
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version, postgres: pgVersion };
  const began = new Date();

  const fresh = (ref: Ref): RefResult => ({
    ref: ref.label, sha: ref.sha, direct: ref.direct, dossiers: 0, withTaxNotices: 0, withLandRegistration: 0, rounds: [], loads: {}, windows: [], peakRssBytes: 0, peakRssByProcess: {}, processes: 0,
  });
  const baseResult = fresh(base);
  const headResult = fresh(head);
  // Both seeded first, then base, head, base, head…: whatever else the machine does falls on both alike.
  const seeded = new Map<RefResult, Seeded>();
  const refs: Array<[Ref, RefResult]> = [
    [base, baseResult],
    [head, headResult],
  ];
  for (const [ref, result] of refs) {
    await seedRef(ref, opts, serverUrl, prefix, result).then(
      (done) => seeded.set(result, done),
      (error: Error) => {
        result.error = `seeding: ${error.message}`;
        console.error(`  ${ref.label} failed: ${result.error}`);
      },
    );
  }
  for (let round = 1; round <= opts.rounds; round++) {
    for (const [ref, result] of refs) {
      if (result.error) continue;
      await measureRef(ref, opts, seeded.get(result)!, result).catch((error: Error) => {
        result.error = `round ${round}: ${error.message}`;
        console.error(`  ${ref.label} failed: ${result.error}`);
      });
    }
  }
  for (const result of [baseResult, headResult]) {
    for (const name of opts.loads) {
      const best = bestOfRounds(result.rounds.map((round) => round[name]));
      if (best) result.loads[name] = best;
    }
  }
  if (opts.pgbench) console.log('\n== pgbench (4 clients) on the same server');
  const pg = opts.pgbench ? await pgbench(serverUrl, `${prefix}_pgbench`, opts.duration) : { selectOnly: null, tpcb: null };

  // The report.
  const table = ['| load | base req/s | base p50 ms | base p99 ms | head req/s | head p50 ms | head p99 ms | head/base req/s |', '| --- | --- | --- | --- | --- | --- | --- | --- |'];
  for (const name of opts.loads) {
    const b = baseResult.loads[name];
    const h = headResult.loads[name];
    const cells = (f: Figures | undefined) => (!f ? ['not run', '', ''] : f.requestsPerSecond === null ? [`failed: ${failure(f)}`, '', ''] : [f.requestsPerSecond.toFixed(0), String(f.p50), String(f.p99)]);
    const ratio = b?.requestsPerSecond && h?.requestsPerSecond ? (h.requestsPerSecond / b.requestsPerSecond).toFixed(2) : 'n/a';
    table.push(`| ${LOADS[name]} | ${cells(b).join(' | ')} | ${cells(h).join(' | ')} | ${ratio} |`);
  }
  table.push(`| pgbench select-only / TPC-B, tps | ${pg.selectOnly?.toFixed(0) ?? 'n/a'} / ${pg.tpcb?.toFixed(0) ?? 'n/a'} | | | | | | |`);
  table.push(`| hub resident memory, peak over the loads (process tree) | ${mib(baseResult.peakRssBytes)} | | | ${mib(headResult.peakRssBytes)} | | | ${baseResult.peakRssBytes && headResult.peakRssBytes ? (headResult.peakRssBytes / baseResult.peakRssBytes).toFixed(2) : 'n/a'} |`);
  const cpuTable = [
    '| load | base: hub CPU ms per request | head: hub CPU ms per request | head/base | cores busy with the hub’s PostgreSQL backends, base / head run | with other processes, base / head run |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of opts.loads) {
    const b = baseResult.loads[name];
    const h = headResult.loads[name];
    const perRequest = (f: Figures | undefined) => f?.hubCpuMsPerRequest?.toFixed(1) ?? 'n/a';
    const ratio = b?.hubCpuMsPerRequest && h?.hubCpuMsPerRequest ? (h.hubCpuMsPerRequest / b.hubCpuMsPerRequest).toFixed(2) : 'n/a';
    cpuTable.push(`| ${name} | ${perRequest(b)} | ${perRequest(h)} | ${ratio} | ${b?.cores.postgres.toFixed(2) ?? 'n/a'} / ${h?.cores.postgres.toFixed(2) ?? 'n/a'} | ${b?.cores.others.toFixed(2) ?? 'n/a'} / ${h?.cores.others.toFixed(2) ?? 'n/a'} |`);
  }
  if (opts.rounds > 1) {
    cpuTable.push('', `req/s of each round, base / head (the table above takes each load's best round):`, '');
    for (const name of opts.loads) {
      const each = (r: RefResult) => r.rounds.map((round) => round[name]?.requestsPerSecond?.toFixed(0) ?? 'failed').join(', ');
      cpuTable.push(`- ${name}: ${each(baseResult)} / ${each(headResult)}`);
    }
  }
  const goalLines = goals(baseResult, headResult, pg);
  console.log(`\nbench:compare, ${began.toISOString()}: base ${base.sha.slice(0, 12)} (${opts.baseRef}) vs head ${head.sha.slice(0, 12)}${head.sha.endsWith('+changes') ? ' with uncommitted changes' : ''}`);
  console.log(`Machine: ${machine.cpus} × ${machine.model}, ${machine.ramGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}; autocannon ${opts.connections} connections, ${opts.duration} s per load after ${opts.warmup} s of warm-up (and ${opts.warmup} s of every load before the first is measured); ${opts.dossiers} dossiers in the working set.\n`);
  console.log(table.join('\n'));
  console.log(`\nCPU during the measured runs (a shared machine: the cores other processes took are what the hub did not get):\n\n${cpuTable.join('\n')}`);
  console.log('\nGoals (issue 13):');
  for (const line of goalLines) console.log(`- ${line.goal}: ${line.met === null ? 'not measured' : line.met ? 'met' : 'not met'} (${line.figures})`);
  // How much of the machine others took while the figures above were measured.
  const measuredRuns = [baseResult, headResult].flatMap((r) => Object.values(r.loads)).filter((f): f is Figures => f !== undefined);
  const otherCores = measuredRuns.length ? measuredRuns.reduce((sum, f) => sum + f.cores.others, 0) / measuredRuns.length : 0;
  if (otherCores > 0.25) {
    console.log(
      `\nOther processes kept ${otherCores.toFixed(2)} of the ${machine.cpus} cores busy on average during these runs: the figures are rough; --rounds 3 on a quieter machine gives better ones.`,
    );
  }
  for (const r of [baseResult, headResult]) if (r.error) console.log(`\n${r.ref} did not finish: ${r.error}`);

  let profiles: Record<string, string> | undefined;
  if (opts.cpuProf) {
    profiles = {};
    for (const result of [baseResult, headResult]) {
      const dir = join(opts.cpuProf, result.ref);
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
      if (!result.windows.length || !files.length) continue;
      const perLoad = summariseProfiles(
        files.map((f) => ({ profile: JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile, endWallMs: statSync(join(dir, f)).mtimeMs })),
        result.windows,
      );
      const summaries = new Map([['all loads', mergeSummaries([...perLoad.values()])], ...perLoad]);
      profiles[result.ref] = `### ${result.ref} (${result.sha.slice(0, 12)}): ${files.length} process profile(s), self time during the measured loads (warm-ups and seeding left out)\n\n${profileTable(summaries)}\n`;
    }
    const markdown = Object.values(profiles).join('\n');
    writeFileSync(join(opts.cpuProf, 'summary.md'), markdown);
    console.log(`\nCPU profiles (${join(opts.cpuProf, 'summary.md')}):\n\n${markdown}`);
  }

  const jsonPath = opts.json ?? join(PROJECT_ROOT, 'bench', 'results', `compare-${head.sha.slice(0, 12)}${head.sha.endsWith('+changes') ? '-changes' : ''}-vs-${base.sha.slice(0, 12)}.json`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(
    jsonPath,
    JSON.stringify({ startedAt: began.toISOString(), machine, options: opts, loads: LOADS, base: baseResult, head: headResult, pgbench: pg, goals: goalLines, otherCores, profiles, tables: { figures: table.join('\n'), cpu: cpuTable.join('\n') } }, null, 2) + '\n',
  );
  console.log(`\nJSON: ${relative(process.cwd(), jsonPath)}`);
  if (baseResult.error || headResult.error) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
