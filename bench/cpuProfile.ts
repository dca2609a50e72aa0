/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and lists the functions with the most self
 * time: where one process spends its CPU, native work (hashing, TLS) counted under the
 * JavaScript function that called it, and time outside JavaScript as "(program)" or
 * "(garbage collector)".
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export async function topSelfTime(path: string, count = 15): Promise<{ totalMs: number; top: SelfTime[] }> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as Profile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  let totalMicros = 0;
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    totalMicros += delta;
    const where = frame?.url ? ` ${basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame?.functionName || '(anonymous)'}${where}`;
    totals.set(name, (totals.get(name) ?? 0) + delta);
  });
  const top = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / Math.max(totalMicros, 1) }));
  return { totalMs: totalMicros / 1000, top };
}
