import { eq } from "drizzle-orm";
import { schools } from "@/db/schema";
import { findSchoolOptions, hasSchoolContactEmail } from "@/db/queries/schools";
import { drawSampleSignatureImages } from "@/lib/core/convention-pdf/draw-sample-signature-images";
import type { Actor } from "@/lib/core/auth/actor";
import { setFileStoreForTests } from "@/lib/server/files/get-file-store";
import { readSchoolSignatureImage } from "@/lib/server/schools/read-school-signature-image";
import { removeSchoolSignatureImage } from "@/lib/server/schools/remove-school-signature-image";
import { checkSignatureImage, MAX_SIGNATURE_IMAGE_BYTES } from "@/lib/server/schools/check-signature-image";
import { replaceSchoolSignatureImage } from "@/lib/server/schools/replace-school-signature-image";
import { updateSchoolOptions } from "@/lib/server/schools/update-school-options";
import { createTestDatabase, testDrivers, type TestDatabase } from "../../support/test-db";
import { createSchoolWithUser } from "../../support/seed-fixtures";
import { useTemporaryFileStore } from "../mail/mail-fixtures";

// Loaded shared machine: database copies and password hashing in beforeAll can take several seconds.
jest.setTimeout(60_000);

const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04]);
const textRenamedPng = new TextEncoder().encode("Ceci est un fichier texte renommé en signature.png\n");

describe.each(testDrivers())("school options on %s", (driver) => {
  let database: TestDatabase;
  let secretary: Actor;
  let neighbour: Actor;
  const images = drawSampleSignatureImages();

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useTemporaryFileStore();
    secretary = await createSchoolWithUser(database.db, { role: "origin_staff", contactEmail: "ancienne@college.test" });
    neighbour = await createSchoolWithUser(database.db, { role: "host_admin", contactEmail: "voisin@lycee.test" });
  });
  afterAll(async () => {
    setFileStoreForTests(undefined);
    await database.close();
  });

  const schoolRow = async (actor: Actor) =>
    (await database.db.select().from(schools).where(eq(schools.id, actor.schoolId)))[0];

  it("saves the head's name and the contact e-mail of the user's own school only", async () => {
    const neighbourBefore = await schoolRow(neighbour);
    await updateSchoolOptions(database.db, secretary, { headName: "  Mme Claire Martin ", contactEmail: "Secretariat@College.test" });
    expect(await findSchoolOptions(secretary)).toMatchObject({
      name: secretary.schoolName, headName: "Mme Claire Martin", contactEmail: "secretariat@college.test", signatureImageType: null,
    });
    expect(await schoolRow(neighbour)).toEqual(neighbourBefore);
    expect(await findSchoolOptions(neighbour)).toMatchObject({ name: neighbour.schoolName, contactEmail: "voisin@lycee.test" });
  });

  it("clears the contact e-mail, which brings back the notice on the tabs", async () => {
    await updateSchoolOptions(database.db, secretary, { headName: "Mme Claire Martin", contactEmail: null });
    expect(await hasSchoolContactEmail(database.db, secretary)).toBe(false);
    expect(await hasSchoolContactEmail(database.db, neighbour)).toBe(true);
    await updateSchoolOptions(database.db, secretary, { headName: "Mme Claire Martin", contactEmail: "secretariat@college.test" });
    expect(await hasSchoolContactEmail(database.db, secretary)).toBe(true);
  });

  it("stores a PNG signature, shows it back, and replaces it with a JPEG", async () => {
    expect(await replaceSchoolSignatureImage(database.db, secretary, images.png)).toEqual({ type: "png" });
    const stored = await readSchoolSignatureImage(database.db, secretary);
    expect(stored?.contentType).toBe("image/png");
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(images.png))).toBe(true);
    expect(await findSchoolOptions(secretary)).toMatchObject({ signatureImageType: "png" });

    await replaceSchoolSignatureImage(database.db, secretary, images.jpeg);
    expect((await readSchoolSignatureImage(database.db, secretary))?.contentType).toBe("image/jpeg");
    expect(await schoolRow(secretary)).toMatchObject({ signatureImageType: "jpeg" });
    expect(await readSchoolSignatureImage(database.db, neighbour)).toBeNull();
  });

  it.each([
    ["a GIF", gif, "n'est pas une image PNG ou JPEG"],
    ["a text file renamed .png", textRenamedPng, "n'est pas une image PNG ou JPEG"],
    ["a PNG cut short", images.png.subarray(0, 60), "endommagée ou illisible"],
    ["an empty file", new Uint8Array(0), "Le fichier est vide"],
    ["a file over 1 MB", (() => { const big = new Uint8Array(MAX_SIGNATURE_IMAGE_BYTES + 1); big.set(images.png); return big; })(), "dépasse 1 Mo"],
  ])("refuses %s with a French message and keeps the current signature", async (_label, bytes, message) => {
    const before = await schoolRow(secretary);
    await expect(replaceSchoolSignatureImage(database.db, secretary, bytes)).rejects.toMatchObject({
      userMessage: expect.stringContaining(message),
    });
    expect(await schoolRow(secretary)).toEqual(before);
    expect((await readSchoolSignatureImage(database.db, secretary))?.contentType).toBe("image/jpeg");
  });

  it("removes the signature of the user's own school only", async () => {
    await replaceSchoolSignatureImage(database.db, neighbour, images.png);
    expect(await removeSchoolSignatureImage(database.db, secretary)).toEqual({ wasRemoved: true });
    expect(await schoolRow(secretary)).toMatchObject({ signatureImageKey: null, signatureImageType: null });
    expect(await readSchoolSignatureImage(database.db, secretary)).toBeNull();
    expect(await removeSchoolSignatureImage(database.db, secretary)).toEqual({ wasRemoved: false });
    expect((await readSchoolSignatureImage(database.db, neighbour))?.contentType).toBe("image/png");
  });

  it("keeps a file another school still uses when one school removes the same image", async () => {
    await replaceSchoolSignatureImage(database.db, secretary, images.png);
    await removeSchoolSignatureImage(database.db, secretary);
    const neighbourImage = await readSchoolSignatureImage(database.db, neighbour);
    expect(Buffer.from(neighbourImage!.bytes).equals(Buffer.from(images.png))).toBe(true);
  });
});

describe("signature image check", () => {
  const { png, jpeg } = drawSampleSignatureImages();

  // pdf-lib's PNG decoder never returns on a truncated file: every cut must be refused before it.
  it.each([["PNG", png], ["JPEG", jpeg]])("refuses every truncation of a %s, quickly", async (_type, image) => {
    for (let length = 1; length < image.length; length += 31) {
      await expect(checkSignatureImage(image.subarray(0, length))).rejects.toMatchObject({ code: expect.stringMatching(/IMAGE_INVALID|EMPTY_FILE/) });
    }
  });

  it("refuses a PNG whose pixels were altered", async () => {
    const altered = png.slice();
    altered[200] ^= 0xff;
    await expect(checkSignatureImage(altered)).rejects.toMatchObject({ userMessage: expect.stringContaining("endommagée") });
  });

  it("accepts the images a school would upload", async () => {
    expect(await checkSignatureImage(png)).toBe("png");
    expect(await checkSignatureImage(jpeg)).toBe("jpeg");
  });
});
