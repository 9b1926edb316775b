import type { Handlers } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import { listConflicts, settleConflict } from '../adjudication/conflicts';
import { inviteMember, reinviteMember, revokeMember, teamView } from '../team/team';
import type { Workspace } from '../workspace/workspace';

type TeamCalls = 'team' | 'inviteMember' | 'reinviteMember' | 'revokeMember' | 'adjudicationConflicts' | 'settleConflict';

/** The owner's Team screen: members through the hub, and the conflicts to settle. */
export function createTeamHandlers(ws: Workspace): Pick<Handlers<ApiContract>, TeamCalls> {
  return {
    team: (_input, { actor }) => teamView(ws, actor.id),
    inviteMember: (input) => inviteMember(ws, input),
    reinviteMember: (input) => reinviteMember(ws, input),
    async revokeMember({ memberId }, { actor }) {
      await revokeMember(ws, memberId, actor.id);
      return null;
    },
    adjudicationConflicts: () => listConflicts(ws),
    settleConflict(input, { actor }) {
      settleConflict(ws, input, actor.id);
      return null;
    },
  };
}
