import { createHash, type Hash } from "node:crypto";

/** Byte ranges as [offset, length] pairs, hashed in order with the given Node hash name. */
export interface RangeHashRequest {
  algorithm: string;
  ranges: Array<[number, number]>;
}

export interface RangeHashResult {
  digests: Array<Uint8Array | null>;
  fileSha256: string;
  /** SHA-256 (hex) of bytes [0, end) for each requested prefix end. */
  prefixSha256: Map<number, string>;
}

/**
 * Hashes the whole file, some prefixes and every signature's ranges while reading each byte of a
 * shared prefix once: the running hash state is cloned at every offset where a request needs it.
 */
export function hashRanges(bytes: Uint8Array, requests: RangeHashRequest[], prefixEnds: number[]): RangeHashResult {
  const checkpointsByAlgorithm = new Map<string, Set<number>>();
  const addCheckpoint = (algorithm: string, offset: number) => {
    const set = checkpointsByAlgorithm.get(algorithm) ?? new Set<number>();
    set.add(Math.min(Math.max(0, offset), bytes.length));
    checkpointsByAlgorithm.set(algorithm, set);
  };
  addCheckpoint("sha256", bytes.length);
  for (const end of prefixEnds) addCheckpoint("sha256", end);
  for (const request of requests) {
    if (request.ranges.length > 0 && request.ranges[0][0] === 0) addCheckpoint(request.algorithm, request.ranges[0][1]);
  }
  const states = new Map<string, Map<number, Hash>>();
  for (const [algorithm, checkpoints] of checkpointsByAlgorithm) {
    const hash = createHash(algorithm);
    const byOffset = new Map<number, Hash>();
    let position = 0;
    for (const checkpoint of [...checkpoints].sort((a, b) => a - b)) {
      hash.update(bytes.subarray(position, checkpoint));
      position = checkpoint;
      byOffset.set(checkpoint, hash.copy());
    }
    states.set(algorithm, byOffset);
  }
  const digests = requests.map((request) => {
    if (request.ranges.some(([start, length]) => start < 0 || length < 0 || start + length > bytes.length)) return null;
    let hash: Hash;
    let rest = request.ranges;
    const shared = request.ranges.length > 0 && request.ranges[0][0] === 0 ? states.get(request.algorithm)?.get(request.ranges[0][1]) : undefined;
    if (shared) {
      hash = shared.copy();
      rest = request.ranges.slice(1);
    } else hash = createHash(request.algorithm);
    for (const [start, length] of rest) hash.update(bytes.subarray(start, start + length));
    return new Uint8Array(hash.digest());
  });
  const sha256States = states.get("sha256") as Map<number, Hash>;
  const prefixSha256 = new Map<number, string>();
  for (const end of prefixEnds) {
    const state = sha256States.get(Math.min(Math.max(0, end), bytes.length));
    if (state) prefixSha256.set(end, state.copy().digest("hex"));
  }
  const fileSha256 = (sha256States.get(bytes.length) as Hash).copy().digest("hex");
  return { digests, fileSha256, prefixSha256 };
}
