import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { roleSchema, type Role } from '../shared/auth/roles';
import { memberIdSchema } from '../shared/hub/api';
import { hubCommand, shellQuote } from '../shared/cli/concordCommand';
import { parseFlags, printJson, requireFlag, type CommandIO } from '../core/cli/command';
import { InputError, UsageError } from '../core/errors';
import { addMember, revokeMember } from './members';
import { buildHub } from './server/app';
import { openPostgresHubStore } from './store/postgresStore';
import { openSqliteHubStore } from './store/sqliteStore';
import type { HubStore } from './store/types';

const storeFlags = { data: { type: 'string' }, postgres: { type: 'string' }, json: { type: 'boolean' } } as const;

const usages: Record<string, string> = {
  serve: hubCommand('serve (--data DIR | --postgres URL) [--host H] [--port N] [--tls-cert FILE --tls-key FILE | --insecure-http] [--rate-limit N]'),
  'project create': hubCommand('project create (--data DIR | --postgres URL) --name NAME [--json]'),
  'member add': hubCommand('member add (--data DIR | --postgres URL) --project P --id ID --name NAME --role owner|adjudicator|rater [--role ...] [--expires-in-hours N] [--json]'),
  'member list': hubCommand('member list (--data DIR | --postgres URL) --project P [--json]'),
  'member revoke': hubCommand('member revoke (--data DIR | --postgres URL) --project P --member ID [--json]'),
  backup: hubCommand('backup --data DIR --out FILE (a PostgreSQL hub is backed up with pg_dump)'),
};

function help(): string {
  return ['concord-hub: the Concord team server', '', `Usage: ${hubCommand('<command> [options]')}`, '', ...Object.values(usages).map((u) => `  ${u}`), ''].join('\n');
}

async function openStore(values: { data?: string; postgres?: string }, usage: string): Promise<HubStore> {
  if (!!values.data === !!values.postgres) throw new UsageError(`give exactly one of --data DIR or --postgres URL. Usage: ${usage}`);
  if (values.data) return openSqliteHubStore(values.data);
  try {
    return await openPostgresHubStore(values.postgres!);
  } catch (e) {
    throw new Error(`cannot reach PostgreSQL at ${redact(values.postgres!)}: ${(e as Error).message}`);
  }
}

/** A connection URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the given URL';
  }
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

async function serve(argv: string[], io: CommandIO): Promise<number | undefined> {
  const usage = usages.serve;
  const { values } = parseFlags(
    argv,
    { ...storeFlags, host: { type: 'string' }, port: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'insecure-http': { type: 'boolean' }, 'rate-limit': { type: 'string' } },
    usage,
  );
  const host = values.host ?? '127.0.0.1';
  const port = Number(values.port ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not "${values.port}"`);
  const tls = values['tls-cert'] || values['tls-key'];
  if (tls && !(values['tls-cert'] && values['tls-key'])) throw new UsageError('give both --tls-cert and --tls-key');
  if (!isLoopback(host) && !tls && !values['insecure-http']) {
    throw new UsageError(`binding ${host} exposes the hub beyond this machine: give --tls-cert and --tls-key (or --insecure-http behind a TLS-terminating reverse proxy)`);
  }
  const rateLimit = values['rate-limit'] ? Number(values['rate-limit']) : undefined;
  const read = (f: string) => {
    try {
      return readFileSync(f);
    } catch (e) {
      throw new InputError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  const https = tls ? { cert: read(values['tls-cert']!), key: read(values['tls-key']!) } : undefined;
  const store = await openStore(values, usage);
  const app = await buildHub({ store, rateLimitPerMinute: rateLimit, https });
  await app.listen({ host, port });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  io.out(JSON.stringify({ url: `${https ? 'https' : 'http'}://${shown}:${actual}` }) + '\n');
  const stop = () => {
    void app.close().then(() => store.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined; // keeps running
}

async function withStore<T>(values: { data?: string; postgres?: string }, usage: string, fn: (s: HubStore) => Promise<T>): Promise<T> {
  const store = await openStore(values, usage);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function requireProject(store: HubStore, project: string): Promise<void> {
  if (!(await store.projectName(project))) throw new InputError(`no project "${project}" on this hub`);
}

export async function runHubCli(argv: string[], io: CommandIO): Promise<number | undefined> {
  const [a, b, ...rest] = argv;
  if (!a || a === 'help' || a === '--help' || a === '-h') {
    io.out(help());
    return 0;
  }
  const two = `${a} ${b ?? ''}`.trim();
  const name = usages[two] ? two : usages[a] ? a : undefined;
  if (!name) {
    io.err(`concord-hub: unknown command '${two}'. Run '${hubCommand('help')}' for the list.\n`);
    return 2;
  }
  const args = name === a ? [b, ...rest].filter((x) => x !== undefined) : rest;
  const usage = usages[name];
  if (args.includes('--help')) {
    io.out(`Usage: ${usage}\n`);
    return 0;
  }
  try {
    switch (name) {
      case 'serve':
        return await serve(args, io);
      case 'project create': {
        const { values } = parseFlags(args, { ...storeFlags, name: { type: 'string' } }, usage);
        const projectName = requireFlag(values.name, 'name', usage);
        const project = await withStore(values, usage, (s) => s.createProject(projectName));
        if (values.json) printJson(io, { project });
        else io.out(`Created project ${project} (${projectName}). Add its first owner with: ${hubCommand(`member add ${values.data ? `--data ${shellQuote(values.data)}` : '--postgres URL'} --project ${project} --id ID --name NAME --role owner`)}\n`);
        return 0;
      }
      case 'member add': {
        const { values } = parseFlags(
          args,
          { ...storeFlags, project: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', multiple: true }, 'expires-in-hours': { type: 'string' } },
          usage,
        );
        const project = requireFlag(values.project, 'project', usage);
        const id = requireFlag(values.id, 'id', usage);
        const idCheck = memberIdSchema.safeParse(id);
        if (!idCheck.success) throw new InputError(`--id "${id}": ${idCheck.error.issues[0].message}`);
        const memberName = requireFlag(values.name, 'name', usage);
        const roles = (values.role ?? []).map((r) => {
          const p = roleSchema.safeParse(r);
          if (!p.success) throw new InputError(`--role must be owner, adjudicator or rater, not "${r}"`);
          return p.data as Role;
        });
        if (!roles.length) throw new UsageError(`give at least one --role. Usage: ${usage}`);
        const hours = values['expires-in-hours'] ? Number(values['expires-in-hours']) : undefined;
        if (hours !== undefined && !(Number.isInteger(hours) && hours > 0)) throw new InputError('--expires-in-hours must be a whole number of hours > 0');
        const r = await withStore(values, usage, async (s) => {
          await requireProject(s, project);
          if (await s.getMember(project, id)) throw new InputError(`member "${id}" already exists in project ${project}`);
          return addMember(s, project, { id, name: memberName, roles, expiresInHours: hours }, 'hub');
        });
        if (values.json) printJson(io, { member: r.member, token: r.token, expiresAt: r.expiresAt });
        else io.out(`Added ${r.member}. Their token (shown once, valid until first use or ${r.expiresAt.slice(0, 10)}):\n${r.token}\n`);
        return 0;
      }
      case 'member list': {
        const { values } = parseFlags(args, { ...storeFlags, project: { type: 'string' } }, usage);
        const project = requireFlag(values.project, 'project', usage);
        const members = await withStore(values, usage, async (s) => {
          await requireProject(s, project);
          return s.listMembers(project);
        });
        const shown = members.map((m) => ({ member: m.id, name: m.name, roles: m.roles, revoked: m.revokedAt !== null, lastSyncAt: m.lastSyncAt }));
        if (values.json) printJson(io, { members: shown });
        else io.out(shown.map((m) => `${m.member}\t${m.name}\t${m.roles.join(',')}${m.revoked ? '\trevoked' : ''}`).join('\n') + '\n');
        return 0;
      }
      case 'member revoke': {
        const { values } = parseFlags(args, { ...storeFlags, project: { type: 'string' }, member: { type: 'string' } }, usage);
        const project = requireFlag(values.project, 'project', usage);
        const member = requireFlag(values.member, 'member', usage);
        const ok = await withStore(values, usage, async (s) => {
          await requireProject(s, project);
          return revokeMember(s, project, member, 'hub');
        });
        if (!ok) throw new InputError(`no member "${member}" in project ${project}`);
        if (values.json) printJson(io, { member, revoked: true });
        else io.out(`Revoked ${member}: their next sync is refused; what they pushed stays.\n`);
        return 0;
      }
      case 'backup': {
        const { values } = parseFlags(args, { ...storeFlags, out: { type: 'string' } }, usage);
        if (values.postgres) throw new InputError('a PostgreSQL hub is backed up with pg_dump (see the README: "Backing up the hub")');
        const out = requireFlag(values.out, 'out', usage);
        await withStore(values, usage, (s) => s.backup(out));
        if (values.json) printJson(io, { backup: out });
        else io.out(`Wrote a consistent copy of the hub to ${out}.\n`);
        return 0;
      }
    }
  } catch (e) {
    io.err(`concord-hub ${name}: ${(e as Error).message}\n`);
    return e instanceof InputError ? 2 : 1;
  }
  return 2;
}
