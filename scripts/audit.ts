import 'reflect-metadata';
import { env } from '../subgraphs/common/env';
import { openOrm } from '../subgraphs/common/orm';
import { databaseUrlOf } from '../subgraphs/common/standalone';
import { auditRecord, recordProblem, type AuditResult } from '../subgraphs/onestop/dossier/audit';
import { DossierEvent } from '../subgraphs/onestop/dossier/dossier-event.entity';
import { Dossier } from '../subgraphs/onestop/dossier/dossier.entity';
import { sealOf } from '../subgraphs/onestop/dossier/history-chain';
import { database } from '../subgraphs/onestop/mikro-orm.config';

/**
 * `npm run audit`: verifies every dossier's record with HUB_AUDIT_KEY (the chain, the signatures, the seal,
 * and the state against its history), prints the first broken one and exits 1 when any is broken.
 * `npm run audit -- --seal`: first seals the histories written before they were signed, each only when its
 * chain and state verify as they are (trust on first seal; run it once, after the upgrade).
 */
export async function runAudit(databaseUrl: string, auditKey: string, options: { seal?: boolean } = {}): Promise<AuditResult> {
  const orm = await openOrm(database, { databaseUrl, poolMax: 2 });
  try {
    if (options.seal) {
      const em = orm.em.fork();
      const unsealed = await em.find(Dossier, { historySeal: null }, { populate: ['legs', 'transfers'] });
      let sealed = 0;
      for (const dossier of unsealed) {
        const events = await em.find(DossierEvent, { dossier }, { orderBy: { seq: 'asc' } });
        dossier.historySeal = sealOf(dossier.code, dossier.historyLength, dossier.historyHead, auditKey);
        if (recordProblem(dossier, events, auditKey) === null) sealed += 1;
        else dossier.historySeal = null;
      }
      await em.flush();
      console.log(`Sealed ${sealed} of ${unsealed.length} unsealed histories; the others do not verify as they are.`);
    }
    return await auditRecord(orm.em, new Date(), auditKey);
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  const config = env();
  const report = await runAudit(databaseUrlOf(config), config.auditKey, { seal: process.argv.includes('--seal') });
  console.log(`Checked ${report.dossiers} dossiers and ${report.events} events: ${report.broken === 0 ? 'every record verifies.' : `${report.broken} broken.`}`);
  if (report.firstBroken) {
    console.log(`First broken: ${report.firstBroken.code}: ${report.firstBroken.problem}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`npm run audit failed: ${error.message}`);
    process.exit(2);
  });
}
