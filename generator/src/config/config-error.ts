/** A config file that cannot be used: the message names the file and the JSON pointer. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
