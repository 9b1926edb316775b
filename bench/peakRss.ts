import { readFileSync } from 'node:fs';

/** Samples a process's peak resident memory (VmHWM, from /proc) every `everyMs` until stopped. */
export function samplePeakRss(pid: number, everyMs: number): { peakMb(): number; stop(): void } {
  let peakKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* exited */
    }
  }, everyMs);
  return { peakMb: () => peakKb / 1024, stop: () => clearInterval(poll) };
}
