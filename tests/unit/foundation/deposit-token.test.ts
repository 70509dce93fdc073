import { createDepositToken, readDepositToken } from "@/lib/core/deposit-links/deposit-token";

const id = "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f";
const secret = "secret-de-test";

describe("deposit link token", () => {
  const issued = new Date("2026-11-01T10:00:00Z");

  it("grants its convention for 30 days", () => {
    const token = createDepositToken(id, secret, issued);
    expect(readDepositToken(token, secret, new Date("2026-11-30T09:00:00Z"))).toBe(id);
    expect(readDepositToken(token, secret, new Date("2026-12-02T10:00:00Z"))).toBeNull();
  });

  it("refuses a token signed with another secret or edited to another convention", () => {
    const token = createDepositToken(id, secret, issued);
    expect(readDepositToken(token, "autre-secret", issued)).toBeNull();
    const other = token.replace(id, "aaaaaaaa-5d4a-4e6b-9c7d-1a2b3c4d5e6f");
    expect(readDepositToken(other, secret, issued)).toBeNull();
    expect(readDepositToken("n'importe quoi", secret, issued)).toBeNull();
  });
});
