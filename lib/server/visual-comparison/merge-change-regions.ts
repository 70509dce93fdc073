import type { PageRegion } from "./visual-comparison-types";

interface Box { left: number; top: number; right: number; bottom: number }

/** Changed pixels this close (in pixels, about 4 mm at 100 dpi) belong to one region. */
const MERGE_DISTANCE_PX = 16;
const CELL_PX = 8;
/** A page shows at most this many boxes: beyond, the nearest ones are merged. */
export const MAX_REGIONS_PER_PAGE = 8;

function gap(a: Box, b: Box): number {
  const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
  const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
  return Math.max(dx, dy);
}

function union(a: Box, b: Box): Box {
  return { left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
}

function area(box: Box): number {
  return (box.right - box.left) * (box.bottom - box.top);
}

/** Connected groups of changed grid cells (8-neighbourhood), as pixel boxes. */
function cellBoxes(isChanged: (x: number, y: number) => boolean, width: number, height: number): Box[] {
  const columns = Math.ceil(width / CELL_PX);
  const rows = Math.ceil(height / CELL_PX);
  const marked = new Uint8Array(columns * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (isChanged(x, y)) marked[Math.floor(y / CELL_PX) * columns + Math.floor(x / CELL_PX)] = 1;
    }
  }
  const boxes: Box[] = [];
  const stack: number[] = [];
  for (let start = 0; start < marked.length; start++) {
    if (marked[start] !== 1) continue;
    marked[start] = 2;
    stack.push(start);
    const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const cx = cell % columns;
      const cy = (cell - cx) / columns;
      box.left = Math.min(box.left, cx * CELL_PX);
      box.top = Math.min(box.top, cy * CELL_PX);
      box.right = Math.max(box.right, Math.min(width, (cx + 1) * CELL_PX));
      box.bottom = Math.max(box.bottom, Math.min(height, (cy + 1) * CELL_PX));
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
          const next = ny * columns + nx;
          if (marked[next] === 1) { marked[next] = 2; stack.push(next); }
        }
      }
    }
    boxes.push(box);
  }
  return boxes;
}

function mergeNearby(boxes: Box[]): Box[] {
  const merged = [...boxes];
  for (let changed = true; changed;) {
    changed = false;
    outer: for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        if (gap(merged[i], merged[j]) <= MERGE_DISTANCE_PX) {
          merged[i] = union(merged[i], merged[j]);
          merged.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  while (merged.length > MAX_REGIONS_PER_PAGE) {
    let best: [number, number] = [0, 1];
    let bestGrowth = Infinity;
    for (let i = 0; i < merged.length; i++) {
      for (let j = i + 1; j < merged.length; j++) {
        const growth = area(union(merged[i], merged[j])) - area(merged[i]) - area(merged[j]);
        if (growth < bestGrowth) { bestGrowth = growth; best = [i, j]; }
      }
    }
    merged[best[0]] = union(merged[best[0]], merged[best[1]]);
    merged.splice(best[1], 1);
  }
  return merged;
}

/**
 * Turns a per-pixel change test into a few boxes (fractions of the page), nearby changes merged:
 * a changed date is one box, not a box per glyph.
 */
export function mergeChangeRegions(isChanged: (x: number, y: number) => boolean, width: number, height: number): PageRegion[] {
  return mergeNearby(cellBoxes(isChanged, width, height))
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((box) => ({
      x: box.left / width,
      y: box.top / height,
      width: (box.right - box.left) / width,
      height: (box.bottom - box.top) / height,
    }));
}
