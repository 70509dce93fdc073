import type { DepositResult } from "@/lib/server/deposits/deposit-convention";
import type { DepositableConventionOption } from "@/lib/server/deposits/list-depositable-conventions";

export type { DepositResult, DepositableConventionOption };

export type DepositFailure = { error: { code: string; message: string } };

/** What the browser learns of one upload: the route's answer, or a French reason it failed. */
export type DepositAnswer = { ok: true; result: DepositResult } | { ok: false; message: string };

const NETWORK_FAILURE = "L'envoi a échoué (connexion interrompue). Vérifiez votre connexion et réessayez.";

/**
 * Posts one file with XMLHttpRequest, the only browser API that reports upload progress.
 * `onProgress` receives a fraction between 0 and 1.
 */
export function postDeposit(
  fields: { file: File; conventionId?: string | null; token?: string | null; acknowledgedMismatch?: boolean },
  onProgress: (fraction: number) => void,
): Promise<DepositAnswer> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.append("file", fields.file, fields.file.name);
    if (fields.conventionId) body.append("conventionId", fields.conventionId);
    if (fields.acknowledgedMismatch) body.append("autreConventionConfirmee", "1");
    const request = new XMLHttpRequest();
    // The link's token rides in the address: the server refuses a bad one before receiving the file.
    request.open("POST", fields.token ? `/api/conventions/depot?token=${encodeURIComponent(fields.token)}` : "/api/conventions/depot");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const response = request.response as DepositResult | DepositFailure | null;
      if (request.status >= 200 && request.status < 300 && response && "outcome" in response) {
        resolve({ ok: true, result: response });
      } else if (response && "error" in response) {
        resolve({ ok: false, message: response.error.message });
      } else if (request.status === 413) {
        resolve({ ok: false, message: "Le fichier est trop volumineux." });
      } else {
        resolve({ ok: false, message: "Le serveur n'a pas pu traiter ce fichier. Réessayez dans un instant." });
      }
    };
    request.onerror = () => resolve({ ok: false, message: NETWORK_FAILURE });
    request.onabort = () => resolve({ ok: false, message: NETWORK_FAILURE });
    request.send(body);
  });
}

export async function fetchDepositableConventions(
  { search, token }: { search: string; token?: string | null },
  signal: AbortSignal,
): Promise<DepositableConventionOption[]> {
  const params = new URLSearchParams({ q: search });
  if (token) params.set("token", token);
  const response = await fetch(`/api/conventions/depot/conventions?${params}`, { signal, cache: "no-store" });
  const body = await response.json() as { conventions?: DepositableConventionOption[] } & Partial<DepositFailure>;
  if (!response.ok || !body.conventions) throw new Error(body.error?.message ?? "La liste des conventions n'a pas pu être chargée.");
  return body.conventions;
}
