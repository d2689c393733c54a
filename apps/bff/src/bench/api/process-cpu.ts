import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks on every common kernel. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat; null when the
 * process is gone or /proc is missing. Fields 14 and 15 count after the command name, which is in
 * parentheses and may itself hold spaces, so the line is split after its last ')'.
 */
export function processCpuMs(pid: number): number | null {
  try {
    return cpuMsOfStatLine(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export function cpuMsOfStatLine(line: string): number {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Process ids whose command name is `name` (as /proc/<pid>/comm has it). */
export function pidsNamed(name: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The database server's processes on this machine (MariaDB, or MySQL). */
export const databasePids = (): number[] => [...pidsNamed('mariadbd'), ...pidsNamed('mysqld')];

/** CPU time summed over pids, in ms (gone processes count 0). */
export const cpuMsOf = (pids: readonly number[]): number =>
  pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
