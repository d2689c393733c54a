import { describe, expect, it } from 'vitest';
import { cpuMsOfStatLine, processCpuMs } from './process-cpu.ts';

describe('processCpuMs', () => {
  it('adds utime and stime (fields 14 and 15), even when the command name holds spaces and parentheses', () => {
    const line =
      '4242 (node (bench) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0 1000 0 0';
    expect(cpuMsOfStatLine(line)).toBe(3_250);
  });

  it('reads this process, and grows as it computes', () => {
    const before = processCpuMs(process.pid);
    expect(before).not.toBeNull();
    let x = 0;
    // Spin until the kernel's own count says 60 ms of CPU were used (wall time says nothing on a busy machine).
    const start = process.cpuUsage();
    const used = () => {
      const { user, system } = process.cpuUsage(start);
      return (user + system) / 1000;
    };
    while (used() < 60) x += Math.sqrt(x + 1);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(before!);
    expect(x).toBeGreaterThan(0);
  });
});
