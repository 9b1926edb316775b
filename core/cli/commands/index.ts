import type { Command } from '../command';
import { agreementCommand } from './agreement';
import { aggregateCommand } from './aggregate';
import { batchCommand } from './batch';
import { disagreementsCommand } from './disagreements';
import { exportCommand } from './export';
import { importLabelsCommand } from './importLabels';
import { reportCommand } from './report';
import { goldCommand } from './gold';
import { gradersCommand } from './graders';
import { guidelinesCommand } from './guidelines';
import { importCommand } from './import';
import { initCommand } from './init';
import { pullCommand } from './pull';
import { pushCommand } from './push';
import { samplesCommand } from './samples';
import { statusCommand } from './status';

// Every CLI command, in the order `help` lists them. Add a command by adding its module here.
export const commands: Command[] = [initCommand, importCommand, pullCommand, samplesCommand, statusCommand, guidelinesCommand, goldCommand, batchCommand, agreementCommand, aggregateCommand, disagreementsCommand, gradersCommand, reportCommand, exportCommand, pushCommand, importLabelsCommand];
