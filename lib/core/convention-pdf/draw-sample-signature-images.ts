import { encode as encodeJpeg } from "jpeg-js";
import { PNG } from "pngjs";

type Point = { x: number; y: number };
type Canvas = { width: number; height: number; coverage: Float32Array };

/**
 * Fictitious signature images for samples, tests and benchmarks, drawn procedurally so that no
 * real person's signature is ever committed: a handwritten-looking PNG with transparency (host
 * school) and an ink stamp with a flourish as JPEG (origin school).
 */
export function drawSampleSignatureImages(): { png: Uint8Array; jpeg: Uint8Array } {
  return { png: drawSignaturePng(), jpeg: drawStampJpeg() };
}

function drawSignaturePng(): Uint8Array {
  const canvas = createCanvas(420, 150);
  // Prolate cycloid with uneven loops and a forward slant: a run of joined cursive letters.
  const slant = (point: Point): Point => ({ x: point.x + 0.35 * (80 - point.y), y: point.y });
  strokeCurve(canvas, 2.3, 400, (t) => {
    const loop = 1 - 0.45 * t + 0.25 * Math.sin(t * Math.PI * 3.3);
    return slant({
      x: 34 + 250 * t + 16 * loop * Math.cos(t * Math.PI * 13 + Math.PI),
      y: 76 - 30 * loop * Math.sin(t * Math.PI * 13) - 14 * t,
    });
  });
  // A tall opening stroke, like a capital letter.
  strokeCurve(canvas, 2.5, 120, (t) =>
    slant({ x: 30 + 18 * Math.sin(t * Math.PI), y: 110 - 95 * Math.sin(t * Math.PI * 0.9) }),
  );
  // Underline flourish sweeping back under the name.
  strokeCurve(canvas, 1.9, 160, (t) => ({
    x: 345 - 310 * t + 30 * Math.sin(t * Math.PI),
    y: 122 - 10 * Math.sin(t * Math.PI * 1.5) + 8 * t * t,
  }));
  const png = new PNG({ width: canvas.width, height: canvas.height });
  for (let index = 0; index < canvas.coverage.length; index++) {
    png.data[index * 4] = 20;
    png.data[index * 4 + 1] = 40;
    png.data[index * 4 + 2] = 130;
    png.data[index * 4 + 3] = Math.round(255 * canvas.coverage[index]);
  }
  return new Uint8Array(PNG.sync.write(png));
}

function drawStampJpeg(): Uint8Array {
  const canvas = createCanvas(300, 180);
  const center = { x: 112, y: 90 };
  for (const radius of [72, 64]) {
    strokeCurve(canvas, radius === 72 ? 2.6 : 1.4, 200, (t) => ({
      x: center.x + radius * Math.cos(2 * Math.PI * t),
      y: center.y + radius * Math.sin(2 * Math.PI * t),
    }));
  }
  // A ring of dots standing for the stamp's lettering.
  for (let index = 0; index < 28; index++) {
    const angle = (2 * Math.PI * index) / 28;
    strokeCurve(canvas, 2.2, 2, (t) => ({
      x: center.x + 54 * Math.cos(angle) + t,
      y: center.y + 54 * Math.sin(angle),
    }));
  }
  strokeCurve(canvas, 2.2, 200, (t) => ({
    x: 60 + 210 * t + 14 * Math.cos(t * Math.PI * 8 + Math.PI),
    y: 95 - 20 * Math.sin(t * Math.PI * 8) + 15 * t,
  }));
  const rgba = Buffer.alloc(canvas.width * canvas.height * 4);
  for (let index = 0; index < canvas.coverage.length; index++) {
    const ink = canvas.coverage[index];
    rgba[index * 4] = Math.round(255 - ink * (255 - 70));
    rgba[index * 4 + 1] = Math.round(255 - ink * (255 - 60));
    rgba[index * 4 + 2] = Math.round(255 - ink * (255 - 150));
    rgba[index * 4 + 3] = 255;
  }
  return new Uint8Array(encodeJpeg({ width: canvas.width, height: canvas.height, data: rgba }, 85).data);
}

function createCanvas(width: number, height: number): Canvas {
  return { width, height, coverage: new Float32Array(width * height) };
}

/** Draws a curve with a round pen of the given radius, anti-aliased by distance to the pen's centre. */
function strokeCurve(canvas: Canvas, radius: number, steps: number, curve: (t: number) => Point): void {
  let previous = curve(0);
  for (let step = 1; step <= steps; step++) {
    const next = curve(step / steps);
    const distance = Math.hypot(next.x - previous.x, next.y - previous.y);
    const substeps = Math.max(1, Math.ceil(distance / 0.5));
    for (let sub = 1; sub <= substeps; sub++) {
      const ratio = sub / substeps;
      stampDisc(canvas, previous.x + (next.x - previous.x) * ratio, previous.y + (next.y - previous.y) * ratio, radius);
    }
    previous = next;
  }
}

function stampDisc(canvas: Canvas, cx: number, cy: number, radius: number): void {
  const minX = Math.max(0, Math.floor(cx - radius - 1));
  const maxX = Math.min(canvas.width - 1, Math.ceil(cx + radius + 1));
  const minY = Math.max(0, Math.floor(cy - radius - 1));
  const maxY = Math.min(canvas.height - 1, Math.ceil(cy + radius + 1));
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.sqrt(dx * dx + dy * dy)));
      const index = y * canvas.width + x;
      if (coverage > canvas.coverage[index]) canvas.coverage[index] = coverage;
    }
  }
}
