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
  ],
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
};

export default nextConfig;
