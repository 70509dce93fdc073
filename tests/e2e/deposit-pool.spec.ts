import { logInOverHttp } from "@/scripts/support/next-server";
import { formFanOutPdf } from "@/scripts/support/hostile-pdf";
import { PopplerSigner } from "@/scripts/support/poppler-signer";
import { startE2eApp, type E2eApp } from "./support/e2e-app";

/** Deposits over HTTP against `next start`: the analysis and the comparison run on the server's worker pool. */
describe("Dépôts sous next start, analysés par le pool de workers", () => {
  let app: E2eApp | null = null;
  let adminCookie = "";
  const signer = PopplerSigner.create();

  beforeAll(async () => {
    app = await startE2eApp({ enrollmentCount: 20 });
    adminCookie = await logInOverHttp(app.url, "admin@lycee-demo.test", "demo1234");
  });
  afterAll(async () => {
    signer.dispose();
    await app?.dispose();
  });

  const deposit = async (bytes: Uint8Array, headers: Record<string, string>) => {
    const form = new FormData();
    form.append("file", new Blob([bytes as BlobPart], { type: "application/pdf" }), "convention.pdf");
    const response = await fetch(`${app!.url}/api/conventions/depot`, { method: "POST", body: form, headers });
    return { status: response.status, body: await response.json() };
  };

  it("recognises a signed convention automatically through the pool's original lookup, and refuses a fan-out file", async () => {
    const tab = await (await fetch(`${app!.url}/conventions/non-retournees`, { headers: { cookie: adminCookie } })).text();
    const conventionId = tab.match(/\/api\/conventions\/([0-9a-f-]{36})\/pdf/)?.[1] ?? tab.match(/\/conventions\/([0-9a-f-]{36})/)?.[1];
    expect(conventionId).toBeDefined();
    const original = await fetch(`${app!.url}/api/conventions/${conventionId}/pdf?version=original`, { headers: { cookie: adminCookie } });
    expect(original.status).toBe(200);

    // The host admin deposits: the first convention of its tab may come from any origin school.
    const signed = signer.sign(new Uint8Array(await original.arrayBuffer()));
    const accepted = await deposit(signed, { cookie: adminCookie });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      outcome: "deposited", recognition: "automatic",
      analysis: { verdict: "signed", idSource: "original-hash", visualComparison: { status: "identical" } },
      convention: { id: conventionId, state: "pending_validation" },
    });

    const hostile = await deposit(formFanOutPdf(conventionId!), { cookie: adminCookie });
    expect(hostile.status).toBe(422);
    expect(hostile.body.error.code).toBe("PDF_UNREADABLE");
  });

  it("answers 401 to a deposit without a session", async () => {
    const refused = await deposit(formFanOutPdf("3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f"), {});
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("UNAUTHENTICATED");
  });
});
