import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["@electric-sql/pglite", "pkijs", "@peculiar/x509", "bcryptjs"],
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
};

export default nextConfig;
