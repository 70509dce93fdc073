import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // The PDF analysis relies on instanceof checks across pkijs, asn1js and @peculiar/*: bundling
  // them separately breaks those checks, so they load from node_modules as in tests and the CLI.
  serverExternalPackages: [
    "@electric-sql/pglite", "bcryptjs", "pkijs", "asn1js", "pvtsutils", "pvutils", "bytestreamjs",
    "@peculiar/x509", "@peculiar/asn1-schema", "@peculiar/asn1-x509", "@peculiar/asn1-cms", "reflect-metadata",
    "jsqr", "jpeg-js", "pngjs", "pdf-lib", "@pdf-lib/fontkit", "qrcode",
    // PDFium (WebAssembly) reads its .wasm file from node_modules at run time.
    "@embedpdf/pdfium",
    // The analysis worker pool starts its threads from piscina's own worker file in node_modules.
    "piscina",
    // Used by the pool's worker (compiled outside the bundle) and by the page images: loaded from node_modules.
    "pixelmatch", "sharp",
  ],
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
  // `npm run dev` answers on http://localhost and on http://127.0.0.1 alike.
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  // Pages get their nonce-based Content-Security-Policy from proxy.ts; these hold for every response.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
      {
        // Files and JSON: nothing to run, framed only by the portal (the PDF preview).
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "frame-ancestors 'self'" }],
      },
    ];
  },
};

export default nextConfig;
