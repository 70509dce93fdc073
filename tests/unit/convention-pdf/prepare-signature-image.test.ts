import { decode as decodeJpeg, encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";
import { inflateSync } from "node:zlib";
import { drawSampleSignatureImages } from "@/lib/core/convention-pdf/draw-sample-signature-images";
import {
  maxStampHeight,
  maxStampWidth,
  prepareSignatureImage,
} from "@/lib/core/convention-pdf/prepare-signature-image";

function pngOf(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return new Uint8Array(PNG.sync.write(png));
}

const samples = drawSampleSignatureImages();

describe("prepareSignatureImage", () => {
  it("splits a transparent PNG into RGB and a soft mask", () => {
    const prepared = prepareSignatureImage({ bytes: samples.png, type: "png" });
    if (prepared.kind !== "flate") throw new Error("expected a flate image");
    expect(inflateSync(prepared.rgb).length).toBe(prepared.width * prepared.height * 3);
    expect(prepared.alpha).not.toBeNull();
    const alpha = inflateSync(prepared.alpha!);
    expect(alpha.length).toBe(prepared.width * prepared.height);
    expect(alpha.includes(0)).toBe(true);
    expect(alpha.includes(255)).toBe(true);
  });

  it("drops the soft mask of an opaque PNG", () => {
    const prepared = prepareSignatureImage({ bytes: pngOf(40, 20, () => [10, 20, 30, 255]), type: "png" });
    expect(prepared.kind === "flate" && prepared.alpha).toBeNull();
  });

  it("scales a large image down to the stamp size, keeping its proportions", () => {
    const prepared = prepareSignatureImage({
      bytes: pngOf(2000, 500, (x) => (x < 1000 ? [0, 0, 0, 255] : [255, 255, 255, 0])),
      type: "png",
    });
    expect(prepared.width).toBe(maxStampWidth);
    expect(prepared.height).toBe(160);
    expect(prepared.height).toBeLessThanOrEqual(maxStampHeight);
  });

  it("re-encodes a JPEG as a baseline RGB JPEG of the same size", () => {
    const rgba = Buffer.alloc(120 * 60 * 4, 200);
    const jpeg = new Uint8Array(encodeJpeg({ width: 120, height: 60, data: rgba }, 80).data);
    const prepared = prepareSignatureImage({ bytes: jpeg, type: "jpeg" });
    if (prepared.kind !== "jpeg") throw new Error("expected a JPEG");
    const decoded = decodeJpeg(prepared.jpeg, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([120, 60]);
  });

  it("prepares an image once and reuses it for the next conventions", () => {
    const bytes = samples.jpeg;
    expect(prepareSignatureImage({ bytes, type: "jpeg" })).toBe(prepareSignatureImage({ bytes: bytes.slice(), type: "jpeg" }));
  });

  it("refuses a corrupt image", () => {
    const png = samples.png;
    const damaged = png.slice(0, 60);
    expect(() => prepareSignatureImage({ bytes: damaged, type: "png" })).toThrow();
    expect(() => prepareSignatureImage({ bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), type: "jpeg" })).toThrow();
  });

  it("refuses a PNG whose header declares a gigantic image, before inflating anything", () => {
    const png = pngOf(4, 4, () => [0, 0, 0, 255]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    expect(() => prepareSignatureImage({ bytes: png, type: "png" })).toThrow(/too large/);
  });
});
