import type { Handlers } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import { graderReport } from '../graders/graderReport';
import type { Workspace } from '../workspace/workspace';

/** The owner's graders call: the same figures as `concord graders`. */
export function createGraderHandlers(ws: Workspace): Pick<Handlers<ApiContract>, 'graders'> {
  return { graders: (opts) => graderReport(ws, opts) };
}
