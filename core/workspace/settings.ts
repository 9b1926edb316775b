import type { WorkspaceSettingKey } from '../../shared/events';
import { appendEvents, newEvent } from '../store/eventLog';
import { prepared } from '../store/prepared';
import type { Workspace } from './workspace';

// Workspace-wide settings an owner chooses: `workspace.setting` events, projected into `meta`.

/** The setting's current value, or undefined when no owner has set it. */
export function readSetting(ws: Workspace, key: WorkspaceSettingKey): unknown {
  const v = prepared(ws.db, `SELECT value FROM meta WHERE key = ?`).pluck().get(`setting.${key}`) as string | undefined;
  return v === undefined ? undefined : JSON.parse(v);
}

export function writeSetting(ws: Workspace, key: WorkspaceSettingKey, value: unknown, by: string): void {
  appendEvents(ws.db, [newEvent('workspace.setting', by, { key, value })]);
}

/**
 * Whether raters see the automated graders' scores on the label screen. Off unless an owner turns it
 * on: a rater who sees "toxicity 0.91" is anchored by it, and the human labels the graders are
 * calibrated against would no longer be independent of them.
 */
export function graderScoresVisibleToRaters(ws: Workspace): boolean {
  return readSetting(ws, 'graderScoresVisibleToRaters') === true;
}
