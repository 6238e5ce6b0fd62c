import { formatDiagnostic, type Diagnostic } from '../input/diagnostics.js';

/** Everything the CLI says goes to stderr, so stdout stays free for data (e.g. `lint --json`). */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
  diagnostics(list: readonly Diagnostic[]): void;
  success(message: string): void;
  failure(message: string): void;
}

export function createLogger(stream: NodeJS.WritableStream = process.stderr, env = process.env): Logger {
  // https://no-color.org: any non-empty NO_COLOR turns colour off; so does a non-terminal stream.
  const color = !env['NO_COLOR'] && (stream as NodeJS.WriteStream).isTTY === true;
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    info: (m) => write(m),
    error: (m) => write(paint(31, `error: ${m}`)),
    diagnostics: (list) => {
      for (const d of list) write(paint(d.severity === 'error' ? 31 : 33, formatDiagnostic(d)));
    },
    success: (m) => write(`${paint(32, '✔')} ${m}`),
    failure: (m) => write(`${paint(31, '✖')} ${m}`),
  };
}
