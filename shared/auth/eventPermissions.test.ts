import { describe, expect, it } from 'vitest';
import type { EventType } from '../events';
import { mayWrite, type AuthorFacts } from './eventPermissions';
import type { Role } from './roles';

const ref = { id: 'g', version: '1.0.0' };
const payloads: Record<EventType, Record<string, unknown>> = {
  'workspace.created': { workspaceId: 'w', name: 'n' },
  'workspace.setting': { key: 'agreementThreshold', value: 0.7 },
  'guideline.published': { pack: { id: 'g', version: '1.0.0', title: 'G' }, fingerprint: 'f' },
  'guideline.activated': ref,
  'samples.imported': { source: { file: 'x', format: 'jsonl' }, map: {}, ids: [], rows: [] },
  'samples.import_committed': { importId: 'i', rows: 0 },
  'rater.created': { raterId: 'r2', name: 'R', roles: ['rater'] },
  'rater.roles_set': { raterId: 'r2', roles: ['owner'] },
  'label.submitted': { labelId: 'L', sampleId: 's', raterId: 'me', guideline: ref, values: {}, timeSpentMs: 0 },
  'label.revised': { labelId: 'L', values: {}, timeSpentMs: 0, raterId: 'me' },
  'label.undone': { labelId: 'L', revisionEventId: 'e', raterId: 'me' },
  'item.marked': { raterId: 'me', sampleId: 's', mark: 'skipped' },
  'item.unmarked': { raterId: 'me', sampleId: 's' },
  'flag.resolved': { raterId: 'r2', sampleId: 's', flagEventId: 'e', note: 'label it: the rubric covers satire' },
  'gold.set': { sampleId: 's', guideline: ref, values: {} },
  'gold.cleared': { sampleId: 's' },
  'batch.created': { batchId: 'b', name: 'b', guideline: ref, options: {}, items: [] },
  'batch.requeued': { batchId: 'b', guideline: ref },
  'adjudication.sent_back': { sampleId: 's', guideline: ref, reason: 'r' },
  'guideline.gap_flagged': { guideline: ref, note: 'n' },
  'guideline.gap_resolved': { gapEventId: 'e', note: 'covered in 1.1.0', addressedIn: '1.1.0' },
  'adjudication.recorded': { sampleId: 's', guideline: ref, values: {}, reason: 'r' },
  'adjudication.settled': { sampleId: 's', guideline: ref, values: {}, reason: 'r', supersedes: ['a', 'b'] },
};
const byRole: Record<Role, EventType[]> = {
  rater: ['label.submitted', 'label.revised', 'label.undone', 'item.marked', 'item.unmarked'],
  adjudicator: ['adjudication.recorded', 'adjudication.sent_back', 'guideline.gap_flagged', 'flag.resolved'],
  owner: ['flag.resolved', 'workspace.setting', 'guideline.published', 'guideline.activated', 'samples.imported', 'samples.import_committed', 'rater.created', 'rater.roles_set', 'label.submitted', 'gold.set', 'gold.cleared', 'batch.created', 'batch.requeued', 'adjudication.settled', 'guideline.gap_resolved'],
};
const facts = (roles: Role[] | undefined, extra: Partial<AuthorFacts> = {}): AuthorFacts => ({ roles, founding: false, ownerKnown: true, labelRater: () => undefined, ...extra });
const check = (type: EventType, roles: Role[] | undefined, payload = payloads[type], extra: Partial<AuthorFacts> = {}) => mayWrite({ type, author: 'me', payload } as never, facts(roles, extra));

describe('who may write which event', () => {
  it('each role writes exactly its own event types', () => {
    for (const role of ['rater', 'adjudicator', 'owner'] as const) {
      for (const type of Object.keys(payloads) as EventType[]) {
        if (type === 'workspace.created') continue;
        const result = check(type, [role]);
        expect(result.ok, `${role} writing ${type}`).toBe(byRole[role].includes(type));
        if (!result.ok) expect(result.reason).toMatch(/needs the (rater|adjudicator|owner|owner or adjudicator) role|own labels/);
      }
    }
  });

  it("a rater writes only their own labels, revisions, undos and marks; an owner imports labels for any rater", () => {
    expect(check('label.submitted', ['rater'], { ...payloads['label.submitted'], raterId: 'you' })).toEqual({
      ok: false,
      reason: 'a label of rater "you" written by "me": a rater acts only on their own labels and marks',
    });
    expect(check('label.submitted', ['owner'], { ...payloads['label.submitted'], raterId: 'you' }).ok).toBe(true);
    expect(check('item.marked', ['rater'], { ...payloads['item.marked'], raterId: 'you' }).ok).toBe(false);
    expect(check('label.revised', ['owner', 'rater'], { ...payloads['label.revised'], raterId: 'you' }).ok).toBe(false);
  });

  it('an event that does not say whose label it acts on is checked against the label this replica has', () => {
    const { raterId: _, ...older } = payloads['label.revised'];
    expect(check('label.revised', ['rater'], older, { labelRater: () => 'me' }).ok).toBe(true);
    expect(check('label.revised', ['rater'], older, { labelRater: () => 'you' }).ok).toBe(false);
    expect(check('label.revised', ['rater'], older)).toMatchObject({ ok: false, reason: expect.stringMatching(/not known here/) });
  });

  it('refuses an author this replica knows nothing of; a workspace is created only where there is none', () => {
    expect(check('label.submitted', undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/"me" is not a profile this workspace knows/) });
    expect(check('workspace.created', undefined, undefined, { founding: true }).ok).toBe(true);
    expect(check('workspace.created', ['owner']).ok).toBe(false);
  });

  it('a profile creates itself as owner only while the replica knows no owner (the first profile of a workspace made before roles)', () => {
    const self = { raterId: 'me', name: 'Me', roles: ['owner'] };
    expect(check('rater.created', undefined, self, { ownerKnown: false }).ok).toBe(true);
    expect(check('rater.created', undefined, self)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a profile this workspace knows/) });
    expect(check('rater.created', undefined, { ...self, raterId: 'you' }, { ownerKnown: false })).toMatchObject({ ok: false, reason: expect.stringMatching(/needs the owner role/) });
    expect(check('rater.created', undefined, { ...self, roles: ['rater'] }, { ownerKnown: false }).ok).toBe(false);
  });
});
