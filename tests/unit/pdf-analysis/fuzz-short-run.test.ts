import path from "node:path";
import { DEFAULT_FIXTURE_DIRS, runFuzzCampaign } from "@/scripts/fuzz";

const root = path.join(__dirname, "../../..");

describe("fuzzing the analysis with mutated fixtures (short run)", () => {
  it("never throws, answers each file within 2 s and keeps memory bounded", async () => {
    const report = await runFuzzCampaign({
      iterations: 80,
      seed: 20261129,
      maxRunMs: 2000,
      maxRssBytes: 1024 * 1024 * 1024,
      fixtureDirs: DEFAULT_FIXTURE_DIRS.map((dir) => path.join(root, dir)),
      exclude: /^f0\d-scanned/,
    });
    expect(report.failures).toEqual([]);
    expect(report.iterations).toBe(80);
    expect(Object.keys(report.verdicts).length).toBeGreaterThan(1);
  }, 120_000);
});
