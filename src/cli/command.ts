/** One `sotto <name>` sub-command. Each lives in its own file under ./commands and is listed in ./commands/index.ts. */
export interface CliCommand {
  readonly name: string;
  /** One line for `sotto --help`. */
  readonly summary: string;
  /** Full usage text for `sotto <name> --help`. */
  readonly usage: string;
  /** Runs the command; resolves with the exit code. Long-running commands resolve when they stop. */
  run(argv: string[]): Promise<number>;
}

/** A usage mistake: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
