/** A small PDF written by hand: numbered objects, the first one the catalog. */
export function handMadePdf(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    length += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) xref += `${String(offset).padStart(10, "0")} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

export function stream(data: Buffer, entries = ""): Buffer {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} ${entries} >>\nstream\n`), data, Buffer.from("\nendstream")]);
}

/**
 * A 2.5 KB file whose page calls a form that calls a form, four levels of 60 `Do` each (13 million
 * drawings of the innermost form), which prints a convention number so that it goes on to be compared.
 */
export function formFanOutPdf(conventionId: string): Uint8Array {
  const calls = Buffer.from(Array.from({ length: 60 }, () => "/X Do").join("\n"));
  const form = (content: Buffer, child: number | null) =>
    stream(content, `/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << ${child ? `/XObject << /X ${child} 0 R >>` : ""} /Font << /F 9 0 R >> >>`);
  return new Uint8Array(handMadePdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> /Font << /F 9 0 R >> >> /Contents 4 0 R >>",
    stream(Buffer.concat([calls, Buffer.from(`\nBT /F 9 Tf 40 30 Td (Convention n\\260 ${conventionId} \\227 page 1/1) Tj ET`)])),
    form(calls, 6),
    form(calls, 7),
    form(calls, 8),
    form(Buffer.from("BT /F 12 Tf 10 10 Td (Convention) Tj ET"), null),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]));
}
