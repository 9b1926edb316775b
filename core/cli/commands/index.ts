import type { CommandEntry } from '../command';

// Every CLI command, in the order `help` lists them: one line each, its name, its one-line summary
// and its module, imported only when the command runs (start-up pays for nothing else; the build
// makes each module its own chunk). The module exports `{ usage, run }` as a Command.
export const commands: CommandEntry[] = [
  { name: 'init', summary: 'Create a workspace with a bundled guideline version (the newest by default) and its owner profile', load: () => import('./init').then((m) => m.initCommand) },
  { name: 'import', summary: 'Import sampled model outputs from JSONL, CSV, Parquet or an Inspect AI log (all-or-nothing unless --skip-invalid)', load: () => import('./import').then((m) => m.importCommand) },
  { name: 'pull', summary: 'Import samples from an HTTP eval store that serves JSONL (following rel="next" pages), as import does', load: () => import('./pull').then((m) => m.pullCommand) },
  { name: 'samples', summary: 'Print canonical samples as the workspace reads them (check a mapping before labelling)', load: () => import('./samples').then((m) => m.samplesCommand) },
  { name: 'status', summary: 'Counts of samples, labels, raters and adjudications, and the active guideline version', load: () => import('./status').then((m) => m.statusCommand) },
  { name: 'profiles', summary: "List the workspace's people, add one, or set their roles (adding and setting roles are an owner's acts)", load: () => import('./profiles').then((m) => m.profilesCommand) },
  { name: 'guidelines', summary: 'List the bundled guideline packs, show one, or validate a pack file', load: () => import('./guidelines').then((m) => m.guidelinesCommand) },
  { name: 'gold', summary: 'Mark samples as gold items with reference labels (raters see them as ordinary items)', load: () => import('./gold').then((m) => m.goldCommand) },
  { name: 'batch', summary: 'Sample a labeling batch (seeded random or stratified) and assign it with overlap and gold items', load: () => import('./batch').then((m) => m.batchCommand) },
  { name: 'agreement', summary: 'Inter-rater agreement (Krippendorff alpha, Cohen/Fleiss kappa, Gwet AC1/AC2) of a ratings file', load: () => import('./agreement').then((m) => m.agreementCommand) },
  { name: 'aggregate', summary: 'The calibrated label per item (majority vote or Dawid-Skene) with its confidence', load: () => import('./aggregate').then((m) => m.aggregateCommand) },
  { name: 'disagreements', summary: 'The adjudication queue: items whose raters disagree by the chosen rule', load: () => import('./disagreements').then((m) => m.disagreementsCommand) },
  { name: 'graders', summary: 'Check automated graders against the final human labels: kappa, precision, recall, F1, ROC AUC, calibration', load: () => import('./graders').then((m) => m.gradersCommand) },
  { name: 'report', summary: 'A standalone HTML agreement report with charts, for people who do not run the app', load: () => import('./report').then((m) => m.reportCommand) },
  { name: 'export', summary: 'Write calibrated labels back: rows plus a "concord" object (JSONL, CSV, Parquet), or scores in an Inspect log', load: () => import('./export').then((m) => m.exportCommand) },
  { name: 'push', summary: 'POST the labelled rows (the JSONL export) to an HTTP eval store, in idempotent chunks with retries', load: () => import('./push').then((m) => m.pushCommand) },
  { name: 'import-labels', summary: 'Bring in labels made elsewhere (JSONL: sample, rater, values[, guideline, timeSpentMs, id]), idempotently', load: () => import('./importLabels').then((m) => m.importLabelsCommand) },
  { name: 'bundle', summary: 'Sync without a server: export the events as a bundle file, or import one (made a replica if the folder has no workspace)', load: () => import('./bundle').then((m) => m.bundleCommand) },
  { name: 'connect', summary: "Join a team's hub: an owner's workspace becomes the project's source, an empty folder a member's replica", load: () => import('./sync').then((m) => m.connectCommand) },
  { name: 'sync', summary: "Push this workspace's changes to its hub and pull the team's", load: () => import('./sync').then((m) => m.syncCommand) },
];
