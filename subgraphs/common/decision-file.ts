import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAIN_DIR } from './reference-data';
import { parseDateTime, parseLocalDate, VN_OFFSET_MS } from './scalars';

/**
 * Decisions kept as files (`domain/reorganization-*.json`, or a province's own, applied with
 * `npm run reorganize -- <file>`): each entry is one dated decision in the shape of `reorganize`'s input,
 * with the procedure versions it publishes, and its sources beside every name, number and date.
 */

export interface DecisionEntry {
  id: string;
  effectiveAt: string;
  reason: string;
  source: string;
  create?: unknown[];
  amend?: unknown[];
  close?: unknown[];
  units?: { create?: unknown[]; merge?: unknown[]; rename?: unknown[] };
  competence?: unknown[];
  registrar?: string | null;
  /** Procedure versions published with the decision, in the shape of `publishProcedureVersion`'s input plus `code`. */
  procedures?: Array<Record<string, unknown> & { code: string; effectiveFrom: string }>;
}

export interface DecisionFile {
  path: string;
  decisions: DecisionEntry[];
}

export function readDecisionFile(path: string): DecisionFile {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { decisions?: DecisionEntry[] };
  if (!Array.isArray(parsed.decisions)) throw new Error(`${path} has no "decisions" list.`);
  for (const decision of parsed.decisions) {
    if (!decision.id) throw new Error(`${path}: every decision has an id.`);
    parseDateTime(decision.effectiveAt);
  }
  return { path, decisions: parsed.decisions };
}

/** The decisions bundled with the hub, every `domain/reorganization-*.json`, in the order they take effect. */
export function bundledDecisions(): DecisionEntry[] {
  const files = readdirSync(DOMAIN_DIR).filter((file) => /^reorganization-.*\.json$/.test(file)).sort();
  return inEffectiveOrder(files.flatMap((file) => readDecisionFile(join(DOMAIN_DIR, file)).decisions));
}

export function inEffectiveOrder(decisions: DecisionEntry[]): DecisionEntry[] {
  return [...decisions].sort((a, b) => parseDateTime(a.effectiveAt).getTime() - parseDateTime(b.effectiveAt).getTime());
}

/**
 * HUB_DIRECTORY_AS_OF (a local date): the bundled decisions taking effect on or before that day are applied
 * when a database is prepared; none given, those in effect now.
 */
export function decisionsAsOf(decisions: DecisionEntry[], asOf: string | undefined, now: Date): DecisionEntry[] {
  const until = asOf ? Date.parse(`${parseLocalDate(asOf)}T00:00:00Z`) + 24 * 3600 * 1000 - VN_OFFSET_MS : now.getTime() + 1;
  return decisions.filter((decision) => parseDateTime(decision.effectiveAt).getTime() < until);
}
