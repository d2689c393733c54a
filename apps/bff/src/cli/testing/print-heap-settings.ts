// Prints what the runner gave this process, for server-node-options.test.ts.
process.stdout.write(JSON.stringify({ nodeOptions: process.env.NODE_OPTIONS ?? '' }));
