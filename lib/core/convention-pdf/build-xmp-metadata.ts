/** Namespace of the convention's own XMP property; a reader can find the id without guessing. */
export const conventionXmpNamespace = "https://conventions-mini-stage.fr/ns/convention/1.0/";

export type XmpFields = {
  conventionId: string;
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creatorTool: string;
  producer: string;
  date: Date;
};

/**
 * An XMP packet mirroring the Info dictionary, with the convention id in dc:identifier,
 * xmpMM:DocumentID and a dedicated conv:ConventionId property.
 */
export function buildXmpMetadata(fields: XmpFields): string {
  const date = formatXmpDate(fields.date);
  const id = escapeXml(fields.conventionId);
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
    `  xmlns:conv="${conventionXmpNamespace}">`,
    "<dc:format>application/pdf</dc:format>",
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(fields.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(fields.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:identifier>urn:uuid:${id}</dc:identifier>`,
    "<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>",
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${escapeXml(fields.creatorTool)}</xmp:CreatorTool>`,
    `<pdf:Producer>${escapeXml(fields.producer)}</pdf:Producer>`,
    `<pdf:Keywords>${escapeXml(fields.keywords)}</pdf:Keywords>`,
    `<xmpMM:DocumentID>uuid:${id}</xmpMM:DocumentID>`,
    `<xmpMM:InstanceID>uuid:${id}</xmpMM:InstanceID>`,
    `<conv:ConventionId>${id}</conv:ConventionId>`,
    "</rdf:Description>",
    "</rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="r"?>',
  ].join("\n");
}

function formatXmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function escapeXml(text: string): string {
  return text
    // Control characters are not allowed in XML 1.0, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
