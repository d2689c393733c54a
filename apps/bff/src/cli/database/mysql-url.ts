/** The server part of a MySQL URL and its database name, so a database can be created before use. */
export function splitMysqlUrl(url: string): { serverUrl: string; database: string | null } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || null;
  parsed.pathname = '/';
  return { serverUrl: parsed.toString().replace(/\/$/, ''), database };
}

export function withDatabase(serverUrl: string, database: string): string {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
