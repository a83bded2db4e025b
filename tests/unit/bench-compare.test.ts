import {
  bestOfRounds,
  categoryOf,
  mergeSummaries,
  parseMachineCpu,
  parseProcStat,
  parseVmRss,
  processLabel,
  processTree,
  servesDatabase,
  profileTable,
  summariseProfiles,
  type CpuProfile,
} from '../../bench/compare';
import { nodeFlags, startArguments } from '../../scripts/start-command';

/** The pure parts of `npm run bench:compare`: the process tree's memory and the CPU profiles' summary. */
describe('bench:compare', () => {
  describe('the hub’s process tree and its resident memory', () => {
    it('reads pid, parent and CPU ticks from /proc/<pid>/stat, even when the command name holds spaces and parentheses', () => {
      // utime 1234 and stime 56 are the 14th and 15th fields.
      expect(parseProcStat('4242 (node (worker) 1) S 4200 4242 4200 0 -1 4194304 1893 0 0 0 1234 56 0 0 20 0 11 0 6540 1207959552 65000')).toEqual({
        pid: 4242,
        ppid: 4200,
        name: 'node (worker) 1',
        cpuTicks: 1290,
      });
      expect(parseProcStat('17 (kthreadd) S 2 0 0 0 -1')).toEqual({ pid: 17, ppid: 2, name: 'kthreadd', cpuTicks: 0 });
      expect(parseProcStat('garbage')).toBeNull();
    });

    it('reads the machine’s busy and total CPU ticks from /proc/stat, idle and iowait not busy', () => {
      const stat = 'cpu  1000 10 300 5000 200 5 15 20 0 0\ncpu0 500 5 150 2500 100 2 7 10 0 0\nintr 1 2 3\n';
      expect(parseMachineCpu(stat)).toEqual({ busy: 1350, total: 6550 });
      expect(() => parseMachineCpu('intr 1 2 3')).toThrow(/cpu line/);
    });

    it('reads VmRSS from /proc/<pid>/status in bytes, and 0 for a process without one', () => {
      expect(parseVmRss('Name:\tnode\nVmPeak:\t 1200000 kB\nVmRSS:\t  262144 kB\nRssAnon:\t 200000 kB\n')).toBe(262_144 * 1024);
      expect(parseVmRss('Name:\tnode\nState:\tZ (zombie)\n')).toBe(0);
    });

    it('knows a PostgreSQL backend of the hub’s database by its process title', () => {
      expect(servesDatabase('postgres: 15/main: postgres bench_compare_head 127.0.0.1(56988) idle\0', 'bench_compare_head')).toBe(true);
      expect(servesDatabase('postgres: 15/main: postgres bench_compare_head_2 127.0.0.1(56988) idle', 'bench_compare_head')).toBe(false);
      expect(servesDatabase('postgres: 15/main: checkpointer ', 'bench_compare_head')).toBe(false);
    });

    it('names a process by its script and arguments, without node and its flags', () => {
      expect(processLabel('/usr/bin/node\0dist/scripts/start.js\0', '/repo')).toBe('dist/scripts/start.js');
      expect(processLabel('/usr/bin/node\0--cpu-prof\0--cpu-prof-dir=/tmp/p/head\0/repo/dist/scripts/hub-process.js\0gateway\0', '/repo')).toBe('dist/scripts/hub-process.js gateway');
    });

    it('takes the root and every process below it, and nothing beside it', () => {
      const parents = [
        { pid: 100, ppid: 1 },
        { pid: 101, ppid: 100 },
        { pid: 102, ppid: 100 },
        { pid: 103, ppid: 102 },
        { pid: 200, ppid: 1 },
        { pid: 201, ppid: 200 },
      ];
      expect(processTree(100, parents).sort()).toEqual([100, 101, 102, 103]);
      expect(processTree(103, parents)).toEqual([103]);
    });
  });

  describe('the CPU profiles’ summary', () => {
    it('puts a frame under its package, node’s module, the hub’s code or V8', () => {
      expect(categoryOf('file:///repo/node_modules/@mikro-orm/core/entity/EntityFactory.js', 'create')).toBe('@mikro-orm/core');
      expect(categoryOf('file:///repo/node_modules/a/node_modules/knex/lib/client.js', 'query')).toBe('knex');
      expect(categoryOf('node:internal/deps/undici/undici', 'fetch')).toBe('node: undici (fetch)');
      expect(categoryOf('node:_http_server', 'parserOnIncoming')).toBe('node: http');
      expect(categoryOf('node:internal/async_hooks', 'emitInit')).toBe('node: async_hooks');
      expect(categoryOf('node:internal/streams/readable', 'push')).toBe('node: streams');
      expect(categoryOf('file:///repo/dist/subgraphs/onestop/dossier/reception.js', 'receiveDossier')).toBe("the hub's own code");
      expect(categoryOf('', '(garbage collector)')).toBe('garbage collector');
      expect(categoryOf('', '(idle)')).toBe('(idle)');
      expect(categoryOf('', 'JSONParse')).toBe('V8 built-ins');
    });

    // Five samples 1 ms apart, the last at the process's end, wall-clock 10,000 ms: they fall at 9,996…10,000 ms.
    // Each counts the interval up to the next; the last, with none after it, counts nothing.
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { url: 'file:///repo/dist/gateway/index.js', functionName: 'handle' } },
        { id: 2, callFrame: { url: '', functionName: '(idle)' } },
        { id: 3, callFrame: { url: 'file:///repo/node_modules/pg/lib/client.js', functionName: 'query' } },
      ],
      startTime: 50_000,
      endTime: 54_000,
      samples: [1, 2, 1, 3, 3],
      timeDeltas: [0, 1000, 1000, 1000, 1000],
    };

    it('adds each sample’s interval to its category, in the windows of wall-clock time it falls in, idle apart', () => {
      const summaries = summariseProfiles([{ profile, endWallMs: 10_000 }], [
        { name: 'first', from: 9_996, to: 9_998 },
        { name: 'second', from: 9_998, to: 10_001 },
        { name: 'before', from: 0, to: 9_000 },
      ]);
      const first = summaries.get('first')!;
      expect(first).toMatchObject({ busyMs: 1, idleMs: 1 });
      expect([...first.byCategory]).toEqual([["the hub's own code", 1]]);
      const second = summaries.get('second')!;
      expect(second.busyMs).toBe(2);
      expect(Object.fromEntries(second.byCategory)).toEqual({ "the hub's own code": 1, pg: 1 });
      expect(summaries.get('before')!.busyMs).toBe(0);

      const all = mergeSummaries([first, second]);
      expect(all).toMatchObject({ busyMs: 3, idleMs: 1 });
      expect(Object.fromEntries(all.byCategory)).toEqual({ "the hub's own code": 2, pg: 1 });
    });

    it('prints the largest categories with each window’s shares and the busy time', () => {
      const summaries = summariseProfiles([{ profile, endWallMs: 10_000 }], [{ name: 'all', from: 0, to: 20_000 }]);
      const table = profileTable(summaries, 1).split('\n');
      expect(table[0]).toBe('| where (self time) | all, ms | all |');
      expect(table[2]).toBe("| the hub's own code | 2 | 66.7 % |");
      expect(table[3]).toBe('| everything else | 1 | 33.3 % |');
      expect(table[4]).toBe('| not idle, ms (waiting for a core included) | 3 | 3 |');
    });
  });

  it('takes each load’s best round, unless one failed, which it shows', () => {
    expect(bestOfRounds([{ requestsPerSecond: 80, round: 1 }, { requestsPerSecond: 95, round: 2 }, undefined])).toEqual({ requestsPerSecond: 95, round: 2 });
    expect(bestOfRounds([{ requestsPerSecond: 80, round: 1 }, { requestsPerSecond: null, round: 2 }])).toEqual({ requestsPerSecond: null, round: 2 });
    expect(bestOfRounds([undefined])).toBeUndefined();
  });

  it('runs a ref’s `npm start` as node arguments, and refuses what is not a plain node command', () => {
    expect(startArguments('node dist/scripts/start.js')).toEqual(['dist/scripts/start.js']);
    expect(startArguments('node --enable-source-maps dist/scripts/start.js --workers 2')).toEqual(['--enable-source-maps', 'dist/scripts/start.js', '--workers', '2']);
    expect(() => startArguments('npm run build && node dist/scripts/start.js')).toThrow(/not a plain/);
    expect(() => startArguments(undefined)).toThrow(/not a plain/);
    // The flags every process of the hub runs with: what comes before the script.
    expect(nodeFlags('node --heap-growing-percent=50 --max-old-space-size 512 dist/scripts/start.js --workers 2')).toEqual(['--heap-growing-percent=50', '--max-old-space-size', '512']);
    expect(nodeFlags('node dist/scripts/start.js')).toEqual([]);
  });
});
