/** The confirmation an action left in the URL (?message=…) after redirecting here. */
export function FlashMessage({ message }: { message?: string | string[] }) {
  const text = Array.isArray(message) ? message[0] : message;
  if (!text) return null;
  return <p role="status" className="rounded-md border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-800">{text.slice(0, 300)}</p>;
}
