/// <reference types="node" preserve="true" />
import type { ClientAuth } from './auth.js';
import { ScimClientError, ScimNetworkError } from './errors.js';
import { PROFILES, type ClientProfile, type ProfileName } from './profiles.js';

export interface RetryOptions {
  /** Attempts after the first (default 3). */
  readonly retries?: number;
  /** First backoff in milliseconds, doubled each time, with full jitter (default 200). */
  readonly baseDelayMs?: number;
  /** Longest wait, Retry-After included (default 30,000). */
  readonly maxDelayMs?: number;
}

export interface TransportOptions {
  readonly baseUrl: string;
  /** The provider's deviations from RFC 7644 the client adjusts for ('aws', 'google'; default 'rfc'). */
  readonly profile?: ProfileName | ClientProfile;
  readonly auth?: ClientAuth | undefined;
  /** Per attempt, in milliseconds (default 30,000). */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  /** How the client waits between attempts; tests record the delays instead. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** The clock a Retry-After date is read against (milliseconds since the epoch); tests fix it. */
  readonly now?: () => number;
}

export interface ScimResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** 429 and 503 say the request was not processed; the others retried are gateway failures. */
const RETRY_STATUS = new Set([429, 502, 503, 504]);
const NOT_PROCESSED = new Set([429, 503]);
/** Methods that may be sent again after a lost answer: the server's state is the same either way. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);

/** Retry-After (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Sends SCIM requests: JSON bodies as application/scim+json, the auth headers, a timeout per
 * attempt, and retries. A request is retried when the server says it was not processed (429,
 * 503: honouring Retry-After) or a gateway failed (502, 504), and after a network failure only
 * when sending it again cannot do anything twice (GET, PUT, DELETE): a POST or PATCH whose
 * answer was lost may have been applied.
 */
export class Transport {
  readonly baseUrl: string;
  readonly profile: ClientProfile;
  private readonly fetcher: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.profile = typeof options.profile === 'object' ? options.profile : PROFILES[options.profile ?? 'rfc'];
    this.fetcher = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  url(path: string, query?: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
    const text = params.toString();
    return `${this.baseUrl}${path}${text === '' ? '' : `?${text}`}`;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ScimResponse> {
    const url = this.url(path, options.query);
    const retries = this.options.retry?.retries ?? 3;
    const base = this.options.retry?.baseDelayMs ?? 200;
    const max = this.options.retry?.maxDelayMs ?? 30_000;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const backoff = () => Math.min(max, Math.floor(this.random() * base * 2 ** attempt));
      let response: Response;
      try {
        response = await this.send(method, url, options);
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        if (attempt < retries && IDEMPOTENT.has(method)) {
          await this.sleep(backoff());
          continue;
        }
        throw new ScimNetworkError(method, url, error, timedOut);
      }
      if (response.status === 401 && !renewed && this.options.auth?.renew?.() === true) {
        renewed = true;
        await response.body?.cancel();
        attempt--;
        continue;
      }
      if (
        RETRY_STATUS.has(response.status) &&
        attempt < retries &&
        (NOT_PROCESSED.has(response.status) || IDEMPOTENT.has(method))
      ) {
        const after = retryAfterMs(response.headers.get('retry-after'), this.now());
        await response.body?.cancel();
        await this.sleep(Math.min(max, after ?? backoff()));
        continue;
      }
      return this.read(method, url, response);
    }
  }

  private async send(method: string, url: string, options: RequestOptions): Promise<Response> {
    const auth = this.options.auth === undefined ? {} : await this.options.auth.headers(this.fetcher);
    const hasBody = options.body !== undefined;
    return this.fetcher(url, {
      method,
      headers: {
        accept: 'application/scim+json, application/json',
        ...(hasBody ? { 'content-type': 'application/scim+json' } : {}),
        ...this.options.headers,
        ...auth,
        ...options.headers,
      },
      ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
  }

  private async read(method: string, url: string, response: Response): Promise<ScimResponse> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    if (response.ok || response.status === 304) return { status: response.status, headers: response.headers, body };
    const error = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    throw new ScimClientError(
      response.status,
      typeof error['detail'] === 'string' ? error['detail'] : response.statusText || `HTTP ${response.status}`,
      typeof error['scimType'] === 'string' ? error['scimType'] : undefined,
      body,
      method,
      url,
    );
  }
}
