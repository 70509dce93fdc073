import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ConventionFontFiles } from "@/lib/core/convention-pdf/prepare-convention-fonts";

const regularFileName = "DejaVuSans.ttf";
const boldFileName = "DejaVuSans-Bold.ttf";

let fontFiles: ConventionFontFiles | undefined;

/** Reads DejaVu Sans once per process; the same bytes let the PDF code reuse its parsed fonts. */
export function readConventionFonts(): ConventionFontFiles {
  if (fontFiles) return fontFiles;
  const fontsDir = findFontsDir();
  fontFiles = {
    regular: new Uint8Array(readFileSync(path.join(fontsDir, regularFileName))),
    bold: new Uint8Array(readFileSync(path.join(fontsDir, boldFileName))),
  };
  return fontFiles;
}

function findFontsDir(): string {
  // __dirname is right under tsx and Jest; bundlers may rewrite it, so the source tree is the fallback.
  const candidates = [
    typeof __dirname === "string" ? path.join(__dirname, "..", "..", "core", "convention-pdf", "fonts") : undefined,
    path.join(process.cwd(), "lib", "core", "convention-pdf", "fonts"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((dir) => existsSync(path.join(dir, regularFileName)));
  if (!found) throw new Error(`Convention fonts not found (looked in: ${candidates.join(", ")})`);
  return found;
}
