/**
 * The client's address for the login throttle: the last hop of X-Forwarded-For, which Next.js fills
 * with the socket's address and a reverse proxy appends to (earlier hops are the client's own words).
 */
export function clientAddressOf(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  const address = last ?? headers.get("x-real-ip")?.trim();
  if (!address || !/^[0-9a-fA-F:.]{2,64}$/.test(address)) return null;
  return address;
}
