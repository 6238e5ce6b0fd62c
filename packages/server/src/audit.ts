import { appendFile } from 'node:fs/promises';
import { bodyText } from './body.js';
import { header } from './http.js';
import type { Principal } from './auth/strategy.js';
import type { HeaderValue, ScimRequest, ScimResponse } from './types.js';

/** One request and its answer, as the audit log records it: secrets already replaced by "[redacted]". */
export interface AuditEntry {
  readonly time: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  /** Who was authenticated, and how. */
  readonly subject?: string;
  readonly via?: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  /** IdP normalizations and validation adjustments the server applied to the input. */
  readonly notes?: readonly string[];
}

/** Where audit entries go: a JSON-lines file, or your own function (a logger, a queue). */
export interface AuditLog {
  write(entry: AuditEntry): void | Promise<void>;
  /** Whether bodies are recorded (default true: Snipe-IT's SCIM_TRACE and GLPI's request logs keep them). */
  readonly bodies?: boolean;
}

const REDACTED = '[redacted]';
/** Names whose values are credentials wherever they appear: attributes, parameters, PATCH paths. */
const SECRET_NAME = /pass(word|wd)?|secret|token|credential|api[-_]?key|authorization|cookie|assertion|code_verifier/i;
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token)$/i;

/** A JSON value with every credential replaced: by key, and PATCH values whose path names one. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const secretPath = typeof object['path'] === 'string' && SECRET_NAME.test(object['path']);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object))
    out[key] = SECRET_NAME.test(key) || (secretPath && key.toLowerCase() === 'value') ? REDACTED : redact(inner);
  return out;
}

/** A URL with credential-like query parameters redacted (`?access_token=` is RFC 6750 §2.3). */
function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_NAME.test(key)) params.set(key, REDACTED);
  return `${url.slice(0, q)}?${params.toString()}`;
}

function redactHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const value = header(headers, name) ?? '';
    if (!SECRET_HEADER.test(name)) out[name.toLowerCase()] = value;
    else {
      // The scheme stays: it tells which strategy was tried.
      const scheme = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(?=\s)/.exec(value)?.[0];
      out[name.toLowerCase()] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    }
  }
  return out;
}

/** A body as parsed JSON or form parameters, redacted; text that is neither is not recorded at all. */
function redactBody(body: string | Uint8Array | undefined, contentType: string | undefined): unknown {
  if (body === undefined) return undefined;
  const text = bodyText(body);
  if (text === undefined) return `[${body.length} bytes, not UTF-8]`;
  if (text === '') return undefined;
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return redact(Object.fromEntries(new URLSearchParams(text)));
  try {
    return redact(JSON.parse(text));
  } catch {
    // It could be anything, a password included.
    return `[${Buffer.byteLength(text)} bytes, not JSON]`;
  }
}

/** The entry for a request and its response. */
export function auditEntry(
  request: ScimRequest,
  response: ScimResponse,
  context: {
    readonly time: Date;
    /** performance.now() when the request arrived. */
    readonly started: number;
    readonly principal?: Principal | undefined;
    readonly notes?: readonly string[] | undefined;
    readonly bodies: boolean;
  },
): AuditEntry {
  return {
    time: context.time.toISOString(),
    method: request.method.toUpperCase(),
    url: redactUrl(request.url),
    status: response.status,
    durationMs: Math.round((performance.now() - context.started) * 100) / 100,
    ...(context.principal !== undefined ? { subject: context.principal.subject, via: context.principal.via } : {}),
    requestHeaders: redactHeaders(request.headers),
    ...(context.bodies
      ? {
          requestBody: redactBody(request.body, header(request.headers, 'content-type')),
          responseBody: redactBody(response.body, response.headers['content-type']),
        }
      : {}),
    ...(context.notes !== undefined && context.notes.length > 0 ? { notes: context.notes } : {}),
  };
}

/** Appends each entry as one line of JSON to a file, in the order requests finish. */
export function auditToFile(file: string, options: { readonly bodies?: boolean } = {}): AuditLog {
  let queue: Promise<void> = Promise.resolve();
  return {
    ...(options.bodies !== undefined ? { bodies: options.bodies } : {}),
    write(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      queue = queue.then(() => appendFile(file, line, { mode: 0o600 }));
      return queue;
    },
  };
}

/** Hands each entry to a function. */
export function auditTo(
  write: (entry: AuditEntry) => void | Promise<void>,
  options: { readonly bodies?: boolean } = {},
): AuditLog {
  return { write, ...(options.bodies !== undefined ? { bodies: options.bodies } : {}) };
}
