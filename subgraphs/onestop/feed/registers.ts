import type { Deps } from '../dossier/change';
import { deferUntil } from './deferred';
import type { Reaction } from './reactions';
import { followClosure, followCompetence, reassignAll, type Closure } from './succession';

/**
 * What onestop does on the registers' messages: forget what it kept of them (the directory, the units, a
 * procedure, the calendar), and, when a reorganisation takes effect, send the dossiers in flight after their
 * work. A decision entered ahead of its date waits in onestop until then (`deferred.ts`).
 */

interface Reorganized {
  decision: string;
  effectiveAt: string;
  reason: string;
  source: string;
  closures: Closure[];
  competence: Array<{ procedure: string; from: string; fromName: string; to: string; toName: string }>;
}

/** How much of a decision's source a hand-over's note carries: its first document, enough for a control slip's row. */
const SOURCE_IN_NOTE = 160;

/** The note the hand-overs carry: the decision's reason, and the first document of its source when it says more. */
function noteOf(decision: Pick<Reorganized, 'reason' | 'source'>): string {
  if (!decision.source || decision.source === decision.reason) return decision.reason;
  const first = decision.source.split(';')[0].trim();
  return `${decision.reason} (${first.length > SOURCE_IN_NOTE ? `${first.slice(0, SOURCE_IN_NOTE - 1).trimEnd()}…` : first})`;
}

async function followDecision(deps: Deps, decision: Reorganized): Promise<void> {
  deps.graph.forget('directory.');
  const note = noteOf(decision);
  for (const closure of decision.closures) await followClosure(deps, closure, note);
  for (const move of decision.competence) await followCompetence(deps, move.procedure, move.from, { code: move.to, name: move.toName }, note);
}

export const REGISTER_REACTIONS: Record<string, Reaction> = {
  REORGANIZED: async (deps, message) => {
    deps.graph.forget('directory.');
    const decision = message.payload as unknown as Reorganized;
    const effectiveAt = new Date(decision.effectiveAt);
    // Entered ahead of its date (the message's time is when it was entered): the dossiers follow when it takes effect.
    if (effectiveAt > deps.now) await deferUntil(deps, message, effectiveAt);
    else await followDecision(deps, decision);
  },
  PROCEDURE_PUBLISHED: async (deps, message) => deps.graph.forget(`directory.procedure.${String(message.payload.procedure)}`),
  UNITS_CHANGED: async (deps) => deps.graph.forget('directory.'),
  CALENDAR_CHANGED: async (deps) => deps.graph.forget('calendar'),
  // Messages of the first directory, still in older feeds.
  AGENCY_CLOSED: async (deps, message) => {
    deps.graph.forget('directory.');
    const { agency, successor, successorName, reason } = message.payload as Record<string, string>;
    await reassignAll(deps, agency, { code: successor, name: successorName }, reason, { closed: true });
  },
  COMPETENCE_MOVED: async (deps, message) => {
    deps.graph.forget('directory.');
    const { procedure, agency, successor, successorName, reason } = message.payload as Record<string, string>;
    await reassignAll(deps, agency, { code: successor, name: successorName }, reason, { closed: false, procedure });
  },
};
