import type { ConcordEvent, EventType } from '../events';
import type { Role } from './roles';

// Which author may write which event: the one rule a replica applies to events it did not write
// (bundle import now, the hub later). Raters write their own labels, revisions, undos and marks;
// adjudicators adjudications, send-backs and guideline-gap notes; owners and adjudicators the
// answers to raters' flags; owners everything that shapes the
// workspace (samples, batches, gold, guidelines and the resolution of their gaps, settings, profiles and roles), labels imported
// from other tools on a rater's behalf, and the settlement of concurrent adjudications.

export type Permission = { ok: true } | { ok: false; reason: string };

export interface AuthorFacts {
  /** The roles the checking replica knows for the event's author; undefined when it knows no such profile. */
  roles: readonly Role[] | undefined;
  /** Whether the checking replica has no workspace yet, so a `workspace.created` founds it. */
  founding: boolean;
  /**
   * Whether the checking replica knows an owner profile. Until it does, a profile may create itself
   * as an owner: how a workspace made before profiles had roles got its first owner (the app's first
   * profile, the CLI's local owner), so a replica accepts what the engine allowed there.
   */
  ownerKnown: boolean;
  /** Whose label a label id names, when the replica has it (for events that do not say). */
  labelRater(labelId: string): string | undefined;
}

type Check<T extends EventType> = (e: Pick<ConcordEvent<T>, 'author' | 'payload'>, facts: AuthorFacts) => Permission;

const ok: Permission = { ok: true };
const has = (facts: AuthorFacts, role: Role) => facts.roles?.includes(role) ?? false;
const rolesText = (facts: AuthorFacts) => (facts.roles?.length ? facts.roles.join(', ') : 'no role');

function needs(role: Role, what: string): Check<EventType> {
  return (e, facts) => (has(facts, role) ? ok : { ok: false, reason: `${what} needs the ${role} role; "${e.author}" has ${rolesText(facts)}` });
}

/** A rater acting on their own work: `raterId` is whose it is. */
function ownWork(what: string, e: { author: string }, raterId: string | undefined, facts: AuthorFacts): Permission {
  if (!has(facts, 'rater')) return { ok: false, reason: `${what} needs the rater role; "${e.author}" has ${rolesText(facts)}` };
  if (raterId === undefined) return { ok: false, reason: `${what}: the label is not known here, so whose it is cannot be checked (bring in the events that submitted it first)` };
  if (raterId !== e.author) return { ok: false, reason: `${what} of rater "${raterId}" written by "${e.author}": a rater acts only on their own labels and marks` };
  return ok;
}

const owner = (what: string) => needs('owner', what);
const adjudicator = (what: string) => needs('adjudicator', what);
/** Owners and adjudicators: the people who read raters' flags. */
const reviewer =
  (what: string): Check<EventType> =>
  (e, facts) =>
    has(facts, 'owner') || has(facts, 'adjudicator') ? ok : { ok: false, reason: `${what} needs the owner or adjudicator role; "${e.author}" has ${rolesText(facts)}` };

const checks: { [T in EventType]: Check<T> } = {
  'workspace.created': (e, facts) => (facts.founding ? ok : { ok: false, reason: 'a workspace is created once: this replica already has its workspace' }),
  'workspace.setting': owner('a workspace setting'),
  'guideline.published': owner('publishing a guideline'),
  'guideline.activated': owner('activating a guideline'),
  'samples.imported': owner('importing samples'),
  'samples.import_committed': owner('finishing an import of samples'),
  'rater.created': (e, facts) =>
    !facts.ownerKnown && e.payload.raterId === e.author && e.payload.roles.includes('owner') ? ok : owner('creating a profile')(e, facts),
  'rater.roles_set': owner('setting roles'),
  'label.submitted': (e, facts) => (has(facts, 'owner') ? ok : ownWork('a label', e, e.payload.raterId, facts)),
  'label.revised': (e, facts) => ownWork('a revision', e, e.payload.raterId ?? facts.labelRater(e.payload.labelId), facts),
  'label.undone': (e, facts) => ownWork('an undo', e, e.payload.raterId ?? facts.labelRater(e.payload.labelId), facts),
  'item.marked': (e, facts) => ownWork('a mark', e, e.payload.raterId, facts),
  'item.unmarked': (e, facts) => ownWork('clearing a mark', e, e.payload.raterId, facts),
  'flag.resolved': reviewer('resolving a flag'),
  'gold.set': owner('a gold label'),
  'gold.cleared': owner('clearing a gold label'),
  'batch.created': owner('a batch'),
  'batch.requeued': owner('re-queueing a batch'),
  'adjudication.recorded': adjudicator('an adjudication'),
  'adjudication.sent_back': adjudicator('sending an item back'),
  'guideline.gap_flagged': adjudicator('a guideline-gap note'),
  // The owner writes the guideline, so the owner says when a gap in it is settled.
  'guideline.gap_resolved': owner('resolving a guideline gap'),
  'adjudication.settled': owner('settling an adjudication conflict'),
};

/** Whether the event's author may have written it, given what the checking replica knows of them. */
export function mayWrite(event: Pick<ConcordEvent, 'type' | 'author' | 'payload'>, facts: AuthorFacts): Permission {
  const firstOwner = event.type === 'rater.created' && !facts.ownerKnown;
  if (event.type !== 'workspace.created' && !firstOwner && facts.roles === undefined) {
    return { ok: false, reason: `"${event.author}" is not a profile this workspace knows (bring in the owner's events that created it first)` };
  }
  return (checks[event.type] as Check<EventType>)(event, facts);
}
