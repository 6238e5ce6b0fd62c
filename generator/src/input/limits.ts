/** Bounds on what the loader accepts, so a hostile or accidental input fails fast and clearly. */
export interface InputLimits {
  /** Largest single input file, in bytes. */
  readonly maxFileBytes: number;
  /** Deepest JSON nesting (objects and arrays) in one file. */
  readonly maxDepth: number;
  /** Most attributes (counting sub-attributes) in one schema. */
  readonly maxAttributesPerSchema: number;
  /** Most files read from the given paths. */
  readonly maxFiles: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  maxFileBytes: 8 * 1024 * 1024,
  maxDepth: 64,
  maxAttributesPerSchema: 20_000,
  maxFiles: 2_000,
};
