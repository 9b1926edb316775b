import type { GuidelinePack } from '../../shared/guidelines/schema';
import { packFingerprint } from '../../shared/guidelines/fingerprint';
import { InputError } from '../errors';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

export interface GuidelineRef {
  id: string;
  version: string;
}

/**
 * An owner (`by`) publishes a validated pack version into the workspace. A published version is immutable:
 * publishing the same content again is a no-op, different content under the same version is refused.
 */
export function publishGuideline(ws: Workspace, pack: GuidelinePack, by: string): 'published' | 'unchanged' {
  const fingerprint = packFingerprint(pack);
  const existing = prepared(ws.db, 'SELECT fingerprint FROM guidelines WHERE id = ? AND version = ?').pluck().get(pack.id, pack.version) as
    | string
    | undefined;
  if (existing === fingerprint) return 'unchanged';
  if (existing !== undefined) {
    throw new InputError(
      `${pack.id}@${pack.version} is already published with different content; published versions are immutable, publish a new version instead`,
    );
  }
  appendEvents(ws.db, [newEvent('guideline.published', by, { pack, fingerprint })]);
  return 'published';
}

export function activateGuideline(ws: Workspace, ref: GuidelineRef, by: string): void {
  if (!getGuideline(ws, ref)) throw new InputError(`${ref.id}@${ref.version} is not published in this workspace`);
  appendEvents(ws.db, [newEvent('guideline.activated', by, { id: ref.id, version: ref.version })]);
}

export function activeGuidelineRef(ws: Workspace): GuidelineRef | undefined {
  const v = prepared(ws.db, `SELECT value FROM meta WHERE key = 'active_guideline'`).pluck().get() as string | undefined;
  return v ? (JSON.parse(v) as GuidelineRef) : undefined;
}

export function getGuideline(ws: Workspace, ref: GuidelineRef): GuidelinePack | undefined {
  const doc = prepared(ws.db, 'SELECT document FROM guidelines WHERE id = ? AND version = ?').pluck().get(ref.id, ref.version) as
    | string
    | undefined;
  return doc ? (JSON.parse(doc) as GuidelinePack) : undefined;
}

export function listPublishedGuidelines(ws: Workspace): (GuidelineRef & { title: string; publishedAt: string })[] {
  return prepared(ws.db, 'SELECT id, version, title, published_at AS publishedAt FROM guidelines ORDER BY id, hlc').all() as (GuidelineRef & {
    title: string;
    publishedAt: string;
  })[];
}
