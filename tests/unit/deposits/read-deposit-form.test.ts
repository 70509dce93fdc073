import { readDepositForm } from "@/lib/server/deposits/read-deposit-form";

function formRequest(build: (form: FormData) => void): Request {
  const form = new FormData();
  build(form);
  return new Request("http://localhost/api/conventions/depot", { method: "POST", body: form });
}

describe("readDepositForm", () => {
  it("returns the file bytes, its name and the trimmed text fields", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7 contenu");
    const form = await readDepositForm(formRequest((f) => {
      f.append("file", new File([bytes], "convention signée.pdf"));
      f.append("conventionId", "  3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f ");
      f.append("token", "");
    }), 1024);
    expect(form).toEqual({ bytes, fileName: "convention signée.pdf", conventionId: "3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f", token: null, acknowledgedMismatch: false });
  });

  it("says which limit a too large file exceeds", async () => {
    const request = formRequest((f) => f.append("file", new File([new Uint8Array(3 * 1024 * 1024)], "gros.pdf")));
    await expect(readDepositForm(request, 2 * 1024 * 1024)).rejects.toMatchObject({
      code: "FILE_TOO_LARGE", userMessage: "Le fichier est trop volumineux : 2 Mo au maximum.",
    });
  });

  it("asks for a file when the form has none, and refuses a body that is not a form", async () => {
    await expect(readDepositForm(formRequest((f) => f.append("token", "x")), 1024)).rejects.toMatchObject({
      code: "INVALID_INPUT", userMessage: "Choisissez un fichier PDF à déposer.",
    });
    const json = new Request("http://localhost/x", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    await expect(readDepositForm(json, 1024)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
