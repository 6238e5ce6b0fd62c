/** RFC 7644 §3.12 error response schema. */
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The scimType values of RFC 7644 §3.12 (Table 9) and RFC 9865 §3. */
export const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
  // RFC 9865 (cursor pagination)
  'invalidCursor',
  'expiredCursor',
  'invalidCount',
] as const;
export type ScimType = (typeof SCIM_TYPES)[number];

/** The JSON body of a SCIM error, exactly as RFC 7644 §3.12 shows it (status is a string). */
export interface ScimErrorBody {
  readonly schemas: readonly [typeof ERROR_URN];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail?: string;
}

/**
 * An error a SCIM service provider answers with. Everything in the runtime that rejects input
 * throws this and nothing else, so a server can always turn a failure into a SCIM response.
 */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    /** HTTP status code. */
    readonly status: number,
    /** Detail for a person reading it; never contains secrets. */
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  /** The RFC 7644 §3.12 response body. */
  toJSON(): ScimErrorBody {
    return {
      schemas: [ERROR_URN],
      status: String(this.status),
      ...(this.scimType !== undefined ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

/**
 * A path or key naming an attribute the resource type does not define (400 invalidPath or
 * invalidFilter): told apart so a lenient PATCH can skip the operation instead.
 */
export class UnknownAttributeError extends ScimError {
  constructor(scimType: ScimType, detail: string) {
    super(400, detail, scimType);
  }
}

/** 400 with a scimType: the request is wrong in a way RFC 7644 §3.12 names. */
export function badRequest(scimType: ScimType, detail: string): ScimError {
  return new ScimError(400, detail, scimType);
}
