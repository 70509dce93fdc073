import pixelmatch from "pixelmatch";
import { mergeChangeRegions } from "./merge-change-regions";
import type { RenderedPage } from "./render-pdf-page";
import type { PageRegion } from "./visual-comparison-types";

export interface RenderComparison {
  changedPixels: number;
  changedShare: number;
  regions: PageRegion[];
}

/** pixelmatch's per-pixel colour distance threshold: above rounding noise, below any visible edit. */
const COLOR_THRESHOLD = 0.1;

/** Paints a region white, one pixel wider on each side to take its anti-aliased border too. */
function blankRegion(page: RenderedPage, region: PageRegion): void {
  const left = Math.max(0, Math.floor(region.x * page.width) - 1);
  const top = Math.max(0, Math.floor(region.y * page.height) - 1);
  const right = Math.min(page.width, Math.ceil((region.x + region.width) * page.width) + 1);
  const bottom = Math.min(page.height, Math.ceil((region.y + region.height) * page.height) + 1);
  for (let y = top; y < bottom; y++) page.data.fill(255, (y * page.width + left) * 4, (y * page.width + right) * 4);
}

/**
 * Compares two renders of the same size pixel by pixel (pixelmatch, anti-aliasing differences
 * ignored), leaving out the `ignore` regions on both. Overwrites those regions in both renders.
 */
export function compareRenders(original: RenderedPage, deposited: RenderedPage, ignore: PageRegion[]): RenderComparison {
  const { width, height } = deposited;
  if (original.width !== width || original.height !== height) throw new Error("Renders of different sizes cannot be compared pixel by pixel");
  for (const region of ignore) {
    blankRegion(original, region);
    blankRegion(deposited, region);
  }
  // Most pages of a signed convention are the original's pixels exactly: no need for pixelmatch.
  if (Buffer.from(original.data.buffer, original.data.byteOffset, original.data.byteLength)
    .equals(Buffer.from(deposited.data.buffer, deposited.data.byteOffset, deposited.data.byteLength))) {
    return { changedPixels: 0, changedShare: 0, regions: [] };
  }
  const mask = new Uint8Array(width * height * 4);
  const changedPixels = pixelmatch(original.data, deposited.data, mask, width, height, {
    threshold: COLOR_THRESHOLD,
    diffMask: true,
    diffColor: [255, 0, 0],
    aaColor: [0, 0, 255],
  });
  if (changedPixels === 0) return { changedPixels, changedShare: 0, regions: [] };
  const isChanged = (x: number, y: number) => {
    const offset = (y * width + x) * 4;
    return mask[offset + 3] !== 0 && mask[offset] === 255 && mask[offset + 2] === 0;
  };
  return { changedPixels, changedShare: changedPixels / (width * height), regions: mergeChangeRegions(isChanged, width, height) };
}
