/**
 * What real identity providers send that RFC 7644 does not allow, normalized at ingress when a
 * profile asks for it. Each normalization applied is reported, so a server can log it.
 */
export interface PatchNormalizations {
  /** `"op": "Replace"` → "replace" (Entra ID). */
  readonly opCase: boolean;
  /** `"False"` / `"True"` strings for boolean attributes → booleans (Entra ID). */
  readonly booleanStrings: boolean;
  /** No-path values with keys such as `"name.givenName"` or `"urn:…:enterprise:2.0:User:department"` (Entra ID). */
  readonly pathKeys: boolean;
  /** `remove` on `members` with a `value` array names the members to remove (Entra ID). */
  readonly removeWithValue: boolean;
  /** The enterprise `manager` as a bare string id instead of `{ "value": id }` (Entra ID). */
  readonly bareManager: boolean;
  /** `"$ref": null` inside values is dropped instead of rejected (Entra ID). */
  readonly nullRef: boolean;
  /** A missing or empty `schemas` on the PatchOp request is accepted. */
  readonly missingSchemas: boolean;
  /** Schema URIs of no server's (Entra ID's AD group schema) in a resource's `schemas`: left out with a note. */
  readonly foreignSchemas: boolean;
  /**
   * An operation on an attribute the resource type does not define (an IdP mapping attributes
   * this service provider does not keep) is skipped with a note instead of 400 invalidPath, as
   * unknown attributes in a POST or PUT are dropped.
   */
  readonly unknownPaths: boolean;
}

const NONE: PatchNormalizations = {
  opCase: false,
  booleanStrings: false,
  pathKeys: false,
  removeWithValue: false,
  bareManager: false,
  nullRef: false,
  missingSchemas: false,
  foreignSchemas: false,
  unknownPaths: false,
};

/** Everything Microsoft Entra ID sends that RFC 7644 does not allow. */
const ENTRA: PatchNormalizations = {
  opCase: true,
  booleanStrings: true,
  pathKeys: true,
  removeWithValue: true,
  bareManager: true,
  nullRef: true,
  missingSchemas: true,
  foreignSchemas: true,
  unknownPaths: false,
};

/**
 * Named profiles. "rfc" accepts only RFC 7644; "entra" what Microsoft Entra ID sends (with or
 * without `?aadOptscim062020`); "okta", "onelogin" and "google" are RFC-conformant in PATCH
 * (Okta's `replace members []` is plain RFC); "lenient" accepts everything known, and skips
 * operations on attributes the resource type does not define.
 */
export const PATCH_PROFILES = {
  rfc: NONE,
  entra: ENTRA,
  okta: { ...NONE, opCase: true },
  onelogin: { ...NONE, opCase: true, booleanStrings: true },
  google: { ...NONE, opCase: true },
  lenient: { ...ENTRA, unknownPaths: true },
} as const satisfies Record<string, PatchNormalizations>;

export type PatchProfileName = keyof typeof PATCH_PROFILES;
