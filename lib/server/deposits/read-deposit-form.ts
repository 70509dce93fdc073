import { AppError } from "@/lib/core/errors";
import { formatMegabytes } from "./deposit-limits";

export type DepositForm = {
  bytes: Uint8Array;
  fileName: string | null;
  conventionId: string | null;
  token: string | null;
  /** "1" when the depositor confirmed filing a file that names another convention. */
  acknowledgedMismatch: boolean;
};

// Room for the multipart boundaries, part headers and the two small text fields.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError("FILE_TOO_LARGE", `Le fichier est trop volumineux : ${formatMegabytes(maxBytes)} au maximum.`);
}

function textField(form: FormData, name: string): string | null {
  const value = form.get(name);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Reads the multipart body of a deposit without ever holding more than the limit: a declared
 * Content-Length above it is refused before reading, and the bytes are counted as they arrive.
 */
export async function readDepositForm(request: Request, maxBytes: number): Promise<DepositForm> {
  const bodyLimit = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > bodyLimit) throw tooLarge(maxBytes);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || !request.body) {
    throw new AppError("INVALID_INPUT", "Envoyez le fichier avec le formulaire de dépôt.");
  }

  let received = 0;
  let exceeded = false;
  const counted = request.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > bodyLimit) {
        exceeded = true;
        controller.error(tooLarge(maxBytes));
        return;
      }
      controller.enqueue(chunk);
    },
  }));

  let form: FormData;
  try {
    form = await new Response(counted, { headers: { "content-type": contentType } }).formData();
  } catch {
    if (exceeded) throw tooLarge(maxBytes);
    throw new AppError("INVALID_INPUT", "Le formulaire de dépôt est incomplet ou mal formé. Réessayez.");
  }

  const file = form.get("file");
  if (!file || typeof file === "string") throw new AppError("INVALID_INPUT", "Choisissez un fichier PDF à déposer.");
  if (file.size > maxBytes) throw tooLarge(maxBytes);
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name ? file.name.slice(0, 255) : null,
    conventionId: textField(form, "conventionId"),
    token: textField(form, "token"),
    acknowledgedMismatch: textField(form, "autreConventionConfirmee") === "1",
  };
}
