import { drawSampleSignatureImages } from "@/lib/core/convention-pdf/draw-sample-signature-images";
import { sniffImageType } from "@/lib/core/convention-pdf/sniff-image-type";

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("sniffImageType", () => {
  const { png, jpeg } = drawSampleSignatureImages();

  it("recognises a PNG by its signature and IHDR chunk", () => {
    expect(sniffImageType(png)).toBe("png");
  });

  it("recognises a JPEG by its SOI marker", () => {
    expect(sniffImageType(jpeg)).toBe("jpeg");
  });

  it("ignores what a file claims to be and looks at its bytes", () => {
    // A JPEG renamed "signature.png" is still a JPEG.
    expect(sniffImageType(jpeg.slice())).toBe("jpeg");
  });

  it.each([
    ["GIF", ascii("GIF89a\x01\x00\x01\x00\x80\x00\x00")],
    ["WebP", ascii("RIFF\x24\x00\x00\x00WEBPVP8 ")],
    ["SVG", ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["PDF", ascii("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")],
    ["BMP", ascii("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00")],
    ["empty file", new Uint8Array(0)],
    ["PNG signature alone", png.slice(0, 8)],
    ["PNG signature without IHDR", new Uint8Array([...png.slice(0, 8), 0, 0, 0, 13, 0x49, 0x44, 0x41, 0x54])],
    ["two JPEG bytes", jpeg.slice(0, 2)],
  ])("rejects %s", (_label, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
