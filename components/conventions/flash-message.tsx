import { flashMessageOf } from "@/lib/core/flash-messages";

/** The confirmation an action asked for by its code (?message=<code>) after redirecting here; any other value shows nothing. */
export function FlashMessage({ message }: { message?: string | string[] }) {
  const text = flashMessageOf(message);
  if (!text) return null;
  return <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">{text}</p>;
}
