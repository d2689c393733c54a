/** Sums rows arriving in entity then time order into one line per entity, one point per step. */
export class SparklineLines {
  readonly byEntity = new Map<number, [number, number, number][]>();
  constructor(private readonly stepMs: number) {}

  add(entityId: number, bucketTs: number, requests: number, errors: number): void {
    let line = this.byEntity.get(entityId);
    if (!line) this.byEntity.set(entityId, (line = []));
    const start = Math.floor(bucketTs / this.stepMs) * this.stepMs;
    const last = line[line.length - 1];
    if (last && last[0] === start) {
      last[1] += requests;
      last[2] += errors;
    } else line.push([start, requests, errors]);
  }
}
