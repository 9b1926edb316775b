import { countWaiting } from '../store/merge/waiting';
import { prepared } from '../store/prepared';
import { activeGuidelineRef } from './guidelines';
import { sampleCount } from './samples';
import type { Workspace } from './workspace';

export interface WorkspaceStatus {
  workspace: string;
  samples: number;
  labels: number;
  raters: number;
  adjudications: number;
  events: number;
  /** Events stored but waiting for one they refer to (core/store/merge). */
  pendingEvents: number;
  /** Events stored but not applied, each with its reason (`concord bundle import` lists them). */
  setAsideEvents: number;
  activeGuideline: { id: string; version: string } | null;
  guidelineVersions: string[];
}

export function workspaceStatus(ws: Workspace): WorkspaceStatus {
  const count = (from: string) => prepared(ws.db, `SELECT count(*) FROM ${from}`).pluck().get() as number;
  const waiting = countWaiting(ws.db);
  const versions = prepared(ws.db, `SELECT id || '@' || version FROM guidelines ORDER BY id, hlc`).pluck().all() as string[];
  return {
    workspace: ws.dir,
    samples: sampleCount(ws),
    labels: count('labels WHERE retracted = 0'), // standing labels: undone or sent-back ones only stay in history
    raters: count('raters'),
    adjudications: count('adjudications'),
    events: count('events'),
    pendingEvents: waiting.pending,
    setAsideEvents: waiting.setAside,
    activeGuideline: activeGuidelineRef(ws) ?? null,
    guidelineVersions: versions,
  };
}
