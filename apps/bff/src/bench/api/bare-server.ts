import http from 'node:http';
import mysql from 'mysql2/promise';

/**
 * The floor: plain node:http and a mysql2 pool, no framework, no auth, no validation. Answers
 * GET /rollups?kind=&ids=&from=&to= with the same 1-minute rollup read the drill-down runs
 * (readRollups), JSON-encoded as it comes from the driver.
 */
export async function startBareServer(
  mysqlUrl: string,
  connectionLimit: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const pool = mysql.createPool({
    uri: mysqlUrl,
    connectionLimit,
    waitForConnections: true,
    supportBigNumbers: true,
    decimalNumbers: true,
  });
  const server = http.createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://bare').searchParams;
    pool
      .query(
        `SELECT scope_kind, scope_id, bucket_ts, events, requests, errors, latency_count, latency_sum, latency_max, latency_hist,
                gauge_count, gauge_sum, gauge_min, gauge_max, heartbeats, alerts, last_ts FROM rollups_1m
          WHERE scope_kind = ? AND scope_id IN (?) AND bucket_ts >= ? AND bucket_ts < ?
          ORDER BY scope_id, bucket_ts`,
        [
          Number(query.get('kind')),
          (query.get('ids') ?? '').split(',').map(Number),
          Number(query.get('from')),
          Number(query.get('to')),
        ],
      )
      .then(([rows]) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: rows }));
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
