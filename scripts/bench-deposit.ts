import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import jpeg from "jpeg-js";
import { PDFDocument } from "pdf-lib";
import { migrateDatabase, openDatabase } from "../db/client";
import { conventions, enrollments, internships, schools, students } from "../db/schema";
import { seedDemo } from "../lib/server/seed/seed-demo";
import { normalizeSearchText } from "../lib/core/text/normalize-search-text";
import { generateConvention } from "../lib/server/conventions/generate-convention";
import { sha256Hex } from "../lib/server/files/file-store";
import { getFileStore } from "../lib/server/files/get-file-store";
import { PopplerSigner } from "./support/poppler-signer";
import { buildApp, logInOverHttp, startApp } from "./support/next-server";

export type BenchRow = { name: string; value: number; unit: string; target: string };

const CONCURRENCY = 20;
const ROUNDS = 3;
const TARGET_BYTES = 1024 * 1024;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A photo-like JPEG that barely compresses, to bring a convention to about 1 MB like a heavy real one. */
function noisyJpeg(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = (i & 3) === 3 ? 255 : 128 + ((seed >>> 16) % 128);
  }
  return jpeg.encode({ data, width, height }, 85).data;
}

/**
 * Prepares `count` conventions of the demo collège whose stored originals weigh about 1 MB, and
 * signs each with poppler: the files a secretary would deposit.
 */
export async function prepareSignedConventions(count: number): Promise<Uint8Array[]> {
  const handle = await openDatabase();
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    await seedDemo(db, { enrollmentCount: 20 });
    const [host] = await db.select().from(schools).where(eq(schools.uai, "0750001A"));
    const [origin] = await db.select().from(schools).where(eq(schools.uai, "0751003C"));
    const [session] = await db.insert(internships).values({
      hostSchoolId: host.id, title: "Bac pro Commerce et vente", date: "2027-05-20", startTime: "08:30", endTime: "12:00",
      place: "Salle 12", teacherName: "M. Roux", seats: 1000, searchText: "bac pro commerce et vente",
    }).returning();
    const store = await getFileStore();
    const signer = PopplerSigner.create();
    const filler = noisyJpeg(900, 900);
    const files: Uint8Array[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const [student] = await db.insert(students).values({
          originSchoolId: origin.id, lastName: `Charge${i}`, firstName: "Léa", className: "3e A", birthDate: "2012-03-04",
          guardianName: `Mme Charge${i}`, guardianEmail: `charge${i}@famille.test`, searchText: normalizeSearchText(`Charge${i}`, "Léa"),
        }).returning();
        const [enrollment] = await db.insert(enrollments).values({
          studentId: student.id, internshipId: session.id, status: "completed", completedAt: new Date(),
        }).returning();
        const { conventionId } = await generateConvention(db, { enrollmentId: enrollment.id });
        const [row] = await db.select().from(conventions).where(eq(conventions.id, conventionId));
        const document = await PDFDocument.load(await store.get(row.originalFileKey));
        const image = await document.embedJpg(filler);
        const copies = Math.max(1, Math.round(TARGET_BYTES / filler.length));
        // The same picture drawn several times is stored once: add distinct copies to reach the size.
        for (let copy = 0; copy < copies; copy++) {
          const distinct = copy === 0 ? image : await document.embedJpg(filler);
          document.getPage(document.getPageCount() - 1).drawImage(distinct, { x: 2 + copy, y: 2, width: 1, height: 1 });
        }
        const enlarged = await document.save({ useObjectStreams: false });
        const key = await store.put(enlarged, "application/pdf");
        await db.update(conventions).set({ originalFileKey: key, originalSha256: sha256Hex(enlarged), originalSize: enlarged.length })
          .where(eq(conventions.id, conventionId));
        files.push(signer.sign(enlarged));
      }
    } finally {
      signer.dispose();
    }
    return files;
  } finally {
    await handle.close();
  }
}

export async function benchDeposit(): Promise<BenchRow[]> {
  if (!PopplerSigner.isAvailable()) throw new Error("pdfsig, certutil et pk12util sont nécessaires (poppler-utils, libnss3-tools).");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-deposit-"));
  const previous = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  try {
    const files = await prepareSignedConventions(CONCURRENCY * ROUNDS);
    buildApp();
    const server = await startApp({ port: 3197, env: { DATA_DIR: dataDir, DATABASE_URL: undefined, AUTH_SECRET: "bench-secret" } });
    try {
      const cookie = await logInOverHttp(server.url, "secretariat@college-demo.test", "demo1234");
      const latencies: number[] = [];
      let errors = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const batch = files.slice(round * CONCURRENCY, (round + 1) * CONCURRENCY);
        await Promise.all(batch.map(async (bytes, index) => {
          const form = new FormData();
          form.append("file", new Blob([bytes as BlobPart], { type: "application/pdf" }), `convention-${round}-${index}.pdf`);
          const started = performance.now();
          const response = await fetch(`${server.url}/api/conventions/depot`, { method: "POST", body: form, headers: { cookie } });
          const body = (await response.json().catch(() => null)) as { outcome?: string; recognition?: string } | null;
          latencies.push(performance.now() - started);
          if (response.status !== 201 || body?.outcome !== "deposited" || body?.recognition !== "automatic") errors++;
        }));
      }
      const averageSize = files.reduce((sum, file) => sum + file.length, 0) / files.length;
      return [
        { name: `dépôt, ${CONCURRENCY} envois simultanés de ${(averageSize / 1048576).toFixed(2)} Mo signés — p50`, value: Math.round(percentile(latencies, 50)), unit: "ms", target: "—" },
        { name: `dépôt, ${CONCURRENCY} envois simultanés — p95`, value: Math.round(percentile(latencies, 95)), unit: "ms", target: "—" },
        { name: `dépôt — erreurs sur ${latencies.length} envois (attendu : reconnue automatiquement)`, value: errors, unit: "", target: "0" },
        { name: "dépôt — mémoire maximale du serveur", value: Math.round(server.peakRssBytes() / 1048576), unit: "Mo", target: "—" },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchDeposit().then((rows) => console.table(rows), (error) => { console.error(error); process.exit(1); });
}
