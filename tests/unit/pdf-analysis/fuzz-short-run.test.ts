import { spawn } from "node:child_process";
import path from "node:path";
import type { FuzzReport } from "@/scripts/fuzz";

const root = path.join(__dirname, "../../..");

interface CampaignOutput {
  exitCode: number | null;
  report: FuzzReport & { failureCount: number; peakRssMb: number };
  stderr: string;
}

/** Runs `scripts/fuzz.ts` in a process of its own, so its memory is the analysis's and nothing else's. */
function runCampaignInChildProcess(args: string[]): Promise<CampaignOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/fuzz.ts", ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      try {
        resolve({ exitCode, report: JSON.parse(stdout) as CampaignOutput["report"], stderr });
      } catch {
        reject(new Error(`the fuzz campaign printed no report (exit ${exitCode}):\n${stderr}\n${stdout}`));
      }
    });
  });
}

describe("fuzzing the analysis with mutated fixtures (short run)", () => {
  it("never throws, never runs out of its own time budget and keeps its process under 1 GB", async () => {
    const { exitCode, report } = await runCampaignInChildProcess([
      "--iterations", "80",
      "--seed", "20261129",
      "--max-rss-mb", "1024",
      "--no-stopwatch",
      // The scans' JPEG decoding would dominate a short run.
      "--exclude", "^f0\\d-scanned",
    ]);
    expect(report.failures).toEqual([]);
    expect(report.failureCount).toBe(0);
    expect(exitCode).toBe(0);
    expect(report.iterations).toBe(80);
    expect(report.peakRssMb).toBeGreaterThan(0);
    expect(Object.keys(report.verdicts).length).toBeGreaterThan(1);
  }, 120_000);
});
