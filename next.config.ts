import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  serverExternalPackages: ["@electric-sql/pglite", "pkijs", "@peculiar/x509", "bcryptjs"],
  experimental: { serverActions: { bodySizeLimit: "25mb" } },
};

export default nextConfig;
