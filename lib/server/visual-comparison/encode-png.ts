import sharp from "sharp";
import type { RenderedPage } from "./render-pdf-page";

/** A rendered page as a PNG file (palette-free, fast compression: pages are cached once encoded). */
export async function encodePng(page: RenderedPage): Promise<Buffer> {
  return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}
