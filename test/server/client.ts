/** A response as the contract suite reads it. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed, or undefined when there was none. */
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  readonly raw?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

/** Calls the server over real HTTP; a path is below the SCIM base. */
export function client(base: string, token?: string) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const hasBody = options.raw !== undefined || options.body !== undefined;
    const response = await fetch(base + path, {
      method,
      headers: {
        ...(hasBody ? { 'content-type': 'application/scim+json' } : {}),
        ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      ...(options.raw !== undefined
        ? { body: options.raw }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: text === '' ? undefined : JSON.parse(text),
    };
  };
}

export type Call = ReturnType<typeof client>;
