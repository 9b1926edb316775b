import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { z } from 'zod';
import {
  HUB_TIME_HEADER,
  MAX_BODY_BYTES,
  newMemberSchema,
  pullQuerySchema,
  pushRequestSchema,
  reinviteSchema,
  type HubErrorBody,
  type HubErrorCode,
  type InvitationResponse,
  type MeResponse,
  type MemberView,
} from '../../shared/hub/api';
import type { Role } from '../../shared/auth/roles';
import { pageJson, pullEvents } from '../events/pull';
import { pushEvents, PushRefused } from '../events/push';
import { addMember, inviteAgain, revokeMember } from '../members';
import type { HubStore, Member } from '../store/types';
import { memberCache } from './memberCache';
import { syncNotes } from './syncNotes';
import { bearerToken, hashToken } from './tokens';

// The hub's HTTP API, v1 (README: "The hub's HTTP API"). Every route needs `Authorization: Bearer
// <token>`; the token names the member and its project. Bodies are validated with the zod schemas
// in shared/hub/api.ts; errors are {"error": {"code", "message"}}.

export interface HubOptions {
  store: HubStore;
  /** Requests per minute per token (default 6,000: a rater syncing every 100 ms uses ~1,200). */
  rateLimitPerMinute?: number;
  logger?: boolean;
  https?: { cert: Buffer; key: Buffer };
}

class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    message: string,
    readonly event?: string,
  ) {
    super(message);
  }
}

const statusCodes: Record<number, HubErrorCode> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'too_large', 429: 'rate_limited' };

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new HubError(400, 'invalid', `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  }
  return r.data;
}

const view = (m: Member): MemberView => ({
  id: m.id,
  name: m.name,
  roles: m.roles,
  createdAt: m.createdAt,
  revokedAt: m.revokedAt,
  lastSyncAt: m.lastSyncAt,
  reportedPending: m.reportedPending,
  invitationExpiresAt: m.tokenExpiresAt,
});

declare module 'fastify' {
  interface FastifyRequest {
    member?: Member;
  }
}

export async function buildHub(options: HubOptions): Promise<FastifyInstance> {
  const { store } = options;
  const notes = syncNotes(store);
  const members = memberCache((hash) => store.memberByTokenHash(hash));
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    ...(options.https ? { https: options.https } : {}),
    // Never trust client-supplied forwarding headers for rate limiting or logs unless behind a proxy the operator configured.
    trustProxy: false,
  } as never) as unknown as FastifyInstance;

  app.addHook('onClose', async () => notes.stop());
  app.addHook('onSend', async (_req, reply) => {
    reply.header(HUB_TIME_HEADER, String(Date.now()));
    reply.header('Cache-Control', 'no-store');
  });

  // Authentication first, so the rate limit is per member and nothing runs for a stranger.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new HubError(401, 'unauthorized', 'missing or malformed Authorization header: expected "Bearer <token>"');
    const member = await members.byTokenHash(hashToken(token));
    if (!member) throw new HubError(401, 'unauthorized', 'this token is not valid on this hub');
    if (member.revokedAt) throw new HubError(401, 'unauthorized', `${member.id}'s access to this project was revoked on ${member.revokedAt.slice(0, 10)}; ask the project's owner for a new invitation`);
    if (member.tokenExpiresAt && member.lastSyncAt === null && Date.parse(member.tokenExpiresAt) < Date.now()) {
      throw new HubError(401, 'unauthorized', `this invitation expired on ${member.tokenExpiresAt.slice(0, 10)}; ask the project's owner for a new one`);
    }
    req.member = member;
  });

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 6000,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.member ? `${req.member.project}/${req.member.id}` : req.ip),
    errorResponseBuilder: (_req, ctx) => new HubError(429, 'rate_limited', `too many requests: at most ${ctx.max} a minute; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply: FastifyReply) => {
    let body: HubErrorBody;
    let status: number;
    if (error instanceof HubError || error instanceof PushRefused) {
      status = error.status;
      body = { error: { code: error.code, message: error.message, ...(error.event ? { event: error.event } : {}) } };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `the request body is over ${MAX_BODY_BYTES} bytes; push fewer events at a time` : error.message;
      body = { error: { code: statusCodes[status] ?? 'invalid', message } };
    } else {
      status = 500;
      app.log.error(error);
      body = { error: { code: 'internal', message: 'the hub failed to handle this request; nothing was stored' } };
    }
    reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } } satisfies HubErrorBody);
  });

  const requireRole = (req: FastifyRequest, role: Role) => {
    if (!req.member!.roles.includes(role)) throw new HubError(403, 'forbidden', `this needs the ${role} role; ${req.member!.id} has ${req.member!.roles.join(', ')}`);
  };

  app.get('/v1/me', async (req): Promise<MeResponse> => {
    const m = req.member!;
    return { member: m.id, name: m.name, roles: m.roles, project: m.project, projectName: (await store.projectName(m.project)) ?? '' };
  });

  app.post('/v1/events', async (req) => {
    const body = parse(pushRequestSchema, req.body);
    const m = req.member!;
    const result = await pushEvents(store, m.project, m, body.events);
    notes.note(m.project, m.id, body.pending ?? null);
    return result;
  });

  app.get('/v1/events', async (req, reply) => {
    const q = parse(pullQuerySchema, req.query);
    const m = req.member!;
    const page = await pullEvents(store, m.project, m, q.after, q.limit);
    notes.note(m.project, m.id, q.pending ?? null);
    // A PullResponse, written from the stored bodies directly.
    return reply.type('application/json; charset=utf-8').send(pageJson(page));
  });

  app.get('/v1/members', async (req) => {
    requireRole(req, 'owner');
    await notes.flush();
    return { members: (await store.listMembers(req.member!.project)).map(view) };
  });

  app.post('/v1/members', async (req, reply): Promise<InvitationResponse> => {
    requireRole(req, 'owner');
    const body = parse(newMemberSchema, req.body);
    const result = await addMember(store, req.member!.project, body, req.member!.id).catch((e: Error) => {
      throw new HubError(409, 'conflict', e.message);
    });
    reply.status(201);
    return result;
  });

  app.post<{ Params: { id: string } }>('/v1/members/:id/revoke', async (req) => {
    requireRole(req, 'owner');
    if (req.params.id === req.member!.id) throw new HubError(409, 'conflict', 'an owner cannot revoke itself; ask another owner');
    if (!(await revokeMember(store, req.member!.project, req.params.id, req.member!.id))) throw new HubError(404, 'not_found', `no member "${req.params.id}"`);
    members.forget(req.member!.project, req.params.id);
    return { member: req.params.id, revoked: true };
  });

  app.post<{ Params: { id: string } }>('/v1/members/:id/invitation', async (req): Promise<InvitationResponse> => {
    requireRole(req, 'owner');
    const body = parse(reinviteSchema, req.body ?? {});
    const r = await inviteAgain(store, req.member!.project, req.params.id, body.expiresInHours);
    members.forget(req.member!.project, req.params.id);
    if (!r) throw new HubError(404, 'not_found', `no member "${req.params.id}"`);
    return r;
  });

  return app;
}
