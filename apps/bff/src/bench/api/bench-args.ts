export interface ApiBenchArgs {
  serverUrl: string;
  quick: boolean;
  reload: boolean;
  drop: boolean;
  outFile?: string;
  /** Write V8 CPU profiles of the BFF processes here. */
  profileDir?: string;
  /** Scratch database of the 10 M set (the 1 M set gets a `_1m` suffix); lets runs keep their own data. */
  database?: string;
}

const KNOWN = new Set([
  '--quick',
  '--reload',
  '--drop',
  '--out',
  '--profile',
  '--server',
  '--database',
]);

export function parseApiBenchArgs(args: readonly string[]): ApiBenchArgs {
  const unknown = args.filter(
    (arg, i) =>
      arg.startsWith('--') &&
      !KNOWN.has(arg) &&
      !['--out', '--profile', '--server', '--database'].includes(args[i - 1] ?? ''),
  );
  if (unknown.length > 0)
    throw new Error(`unknown option(s) ${unknown.join(', ')}; known: ${[...KNOWN].join(', ')}`);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  return {
    serverUrl: option('--server') ?? 'mysql://root@127.0.0.1:3306',
    quick: args.includes('--quick'),
    reload: args.includes('--reload'),
    drop: args.includes('--drop'),
    outFile: option('--out'),
    profileDir: option('--profile'),
    database: option('--database'),
  };
}
