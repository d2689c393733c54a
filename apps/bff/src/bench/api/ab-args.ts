/** A mistake in the command or a missing prerequisite: reported as its message alone, without a stack. */
export class AbSetupError extends Error {}

export interface AbBenchArgs {
  /** The git ref measured against this tree. */
  against: string;
  rounds: number;
  /** Length of each measured run (after a 1 s warm-up). */
  seconds: number;
  outFile?: string;
  serverUrl: string;
  /** Scratch database of the stored 10 M set, as with bench:api's --database. */
  database?: string;
  /** Both servers compute every answer (no shared answers): the cost of the work itself. */
  cacheOff: boolean;
}

const VALUED = ['--against', '--rounds', '--seconds', '--out', '--server', '--database'];

export function parseAbBenchArgs(args: readonly string[]): AbBenchArgs {
  const unknown = args.filter(
    (arg, i) =>
      arg.startsWith('--') &&
      arg !== '--cache-off' &&
      !VALUED.includes(arg) &&
      !VALUED.includes(args[i - 1] ?? ''),
  );
  if (unknown.length > 0)
    throw new AbSetupError(`unknown option(s) ${unknown.join(', ')}; known: ${VALUED.join(', ')}`);
  const option = (name: string) => {
    const at = args.indexOf(name);
    if (at < 0) return undefined;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--'))
      throw new AbSetupError(`${name} needs a value`);
    return value;
  };
  const positive = (name: string, fallback: number) => {
    const raw = option(name);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new AbSetupError(`${name} must be a positive number, got ${raw}`);
    return value;
  };
  const against = option('--against');
  if (!against)
    throw new AbSetupError(
      'usage: npm run bench:api-ab -- --against <git-ref> [--rounds N] [--seconds S] [--out file.md] [--database name] [--cache-off]',
    );
  return {
    against,
    rounds: Math.round(positive('--rounds', 3)),
    seconds: positive('--seconds', 4),
    outFile: option('--out'),
    serverUrl: option('--server') ?? 'mysql://root@127.0.0.1:3306',
    database: option('--database'),
    cacheOff: args.includes('--cache-off'),
  };
}
