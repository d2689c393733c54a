// V8 settings for every process that serves the BFF (npm start, benches, proofs and the BFFs they
// spawn, which inherit the environment).
//
// Young generation: a 1,000-span OTLP request or a 5,000-event batch keeps tens of thousands of
// objects alive while its INSERT is in flight. With V8's default 16 MiB semi-space they outlive
// scavenges and are copied and promoted, and garbage collection took 29 % of the BFF's main thread
// under ingest load; 64 MiB halves that (docs/benchmarks.md, "Ingest: OTLP protobuf beside JSON").
const SERVER_FLAGS = ['--max-semi-space-size=64'];

/** The environment with the server flags added to NODE_OPTIONS (a flag already set is kept). */
export function withServerNodeOptions(env = process.env) {
  const current = env.NODE_OPTIONS ?? '';
  const missing = SERVER_FLAGS.filter((flag) => !current.includes(flag.split('=')[0]));
  return missing.length === 0
    ? env
    : { ...env, NODE_OPTIONS: [current, ...missing].filter(Boolean).join(' ') };
}
