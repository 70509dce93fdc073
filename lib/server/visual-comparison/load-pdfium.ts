import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { init, type WrappedPdfiumModule } from "@embedpdf/pdfium";

export type Pdfium = WrappedPdfiumModule;

/** PDFium's WebAssembly heap may not grow past this: a hostile file fails an allocation instead of taking the server's memory. */
export const PDFIUM_MEMORY_CAP_BYTES = 384 * 1024 * 1024;

type GlobalWithPdfium = typeof globalThis & { __conventionsPdfium?: Promise<Pdfium> };
const globalForPdfium = globalThis as GlobalWithPdfium;

function readWasmBinary(): Buffer {
  // Resolved from the project root at run time: the same file under next start, tsx and Jest.
  const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
  return readFileSync(requireFromRoot.resolve("@embedpdf/pdfium/pdfium.wasm"));
}

async function createPdfium(): Promise<Pdfium> {
  const wasmBinary = readWasmBinary();
  const pdfium = await init({
    // Every heap growth goes through emscripten_resize_heap: refusing it past the cap makes
    // PDFium's allocation fail (null bitmap, failed load) rather than the process run out of memory.
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      const env = imports.env as Record<string, (...args: number[]) => number>;
      const resizeHeap = env.emscripten_resize_heap;
      env.emscripten_resize_heap = (requested: number) => ((requested >>> 0) > PDFIUM_MEMORY_CAP_BYTES ? 0 : resizeHeap(requested));
      void WebAssembly.instantiate(new Uint8Array(wasmBinary), imports).then(({ instance, module }) => receive(instance, module));
      return {};
    },
    print: () => {},
    printErr: () => {},
  } as Parameters<typeof init>[0]);
  pdfium.PDFiumExt_Init();
  return pdfium;
}

/** PDFium's memory as bytes; read it again after any call that may grow the heap. */
export function heapOf(pdfium: Pdfium): Uint8Array {
  return (pdfium.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}

/** The process's one PDFium instance, created on first use (about 100 ms). */
export function loadPdfium(): Promise<Pdfium> {
  globalForPdfium.__conventionsPdfium ??= createPdfium().catch((error: unknown) => {
    globalForPdfium.__conventionsPdfium = undefined;
    throw error;
  });
  return globalForPdfium.__conventionsPdfium;
}

/** After PDFium aborted (a WebAssembly trap), its memory cannot be trusted: the next use starts a fresh instance. */
export function discardPdfium(): void {
  globalForPdfium.__conventionsPdfium = undefined;
}
