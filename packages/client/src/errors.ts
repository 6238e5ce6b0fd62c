/** A SCIM error the server answered (RFC 7644 §3.12), or an HTTP failure without a SCIM body. */
export class ScimClientError extends Error {
  override readonly name = 'ScimClientError';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType: string | undefined,
    /** The response body as parsed JSON, when it was JSON. */
    readonly body: unknown,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url}: ${status}${scimType === undefined ? '' : ` ${scimType}`} ${detail}`);
  }
}

/** The request never got an answer: connection refused or reset, DNS, timeout. */
export class ScimNetworkError extends Error {
  override readonly name = 'ScimNetworkError';

  constructor(
    readonly method: string,
    readonly url: string,
    override readonly cause: unknown,
    readonly timedOut: boolean,
  ) {
    super(`${method} ${url}: ${timedOut ? 'timed out' : `no answer (${(cause as Error)?.message ?? String(cause)})`}`);
  }
}
