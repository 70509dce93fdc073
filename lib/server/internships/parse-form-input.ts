import type { z } from "zod";
import { AppError } from "@/lib/core/errors";

/** Use-cases check their input again (they are called from tests, scripts and actions alike). */
export function parseFormInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message);
  return parsed.data;
}
