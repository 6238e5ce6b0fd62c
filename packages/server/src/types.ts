/** A header as adapters see it: node:http gives arrays for repeated headers. */
export type HeaderValue = string | readonly string[] | undefined;

/**
 * One HTTP request, as any adapter can build it: the core never sees a framework's objects.
 * Header names are lower case.
 */
export interface ScimRequest {
  readonly method: string;
  /** Path and query below the SCIM base URL: "/Users/2819c223?attributes=userName". */
  readonly url: string;
  readonly headers: Readonly<Record<string, HeaderValue>>;
  /** The body as received (bytes or text); undefined when there is none. */
  readonly body?: string | Uint8Array | undefined;
  /** The TCP peer's address, as the adapter's socket gives it; for `allowFrom`. */
  readonly remoteAddress?: string | undefined;
}

/** What the core answers; the body is already JSON text. */
export interface ScimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** The media type of every SCIM body (RFC 7644 §3.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
