import { spawnSync } from "node:child_process";

export type ToolResult = { status: number | null; stdout: string; stderr: string };

/** Runs a command-line tool (poppler, qpdf, tsx) and returns its exit status and output, never throwing. */
export function runTool(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
