import { createHash, randomBytes } from 'node:crypto';

/** A member's secret: 256 random bits, shown once; the hub keeps only its SHA-256. */
export function newToken(): { token: string; hash: string } {
  const token = `cch_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, exactly that form, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header ?? '');
  return m?.[1];
}
