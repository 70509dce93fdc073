// Imported first by a benchmark run on its own: React picks its development or production build from
// NODE_ENV when first loaded, and a production server renders with the production one.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
