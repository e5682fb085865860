/** What the bytes say a file is; the name and the declared type are never trusted. */
export interface Sniffed {
  kind: "image" | "voice" | "file";
  mime: string;
}

const ascii = (buf: Buffer, start: number, text: string) =>
  buf.subarray(start, start + text.length).toString("latin1") === text;

export function sniff(head: Buffer): Sniffed {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { kind: "image", mime: "image/jpeg" };
  if (ascii(head, 0, "\x89PNG\r\n\x1a\n")) return { kind: "image", mime: "image/png" };
  if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return { kind: "image", mime: "image/gif" };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return { kind: "image", mime: "image/webp" };
  if (ascii(head, 4, "ftyp")) {
    const brand = head.subarray(8, 12).toString("latin1");
    if (["heic", "heix", "mif1", "msf1", "avif"].includes(brand)) {
      return { kind: "image", mime: brand === "avif" ? "image/avif" : "image/heic" };
    }
    if (brand === "M4A " || brand === "M4B ") return { kind: "voice", mime: "audio/mp4" };
    return { kind: "file", mime: "video/mp4" };
  }
  // Matroska/WebM: what browsers' MediaRecorder produces for voice.
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
    return head.includes(Buffer.from("webm"))
      ? { kind: "voice", mime: "audio/webm" }
      : { kind: "file", mime: "video/x-matroska" };
  }
  if (ascii(head, 0, "OggS")) return { kind: "voice", mime: "audio/ogg" };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) return { kind: "voice", mime: "audio/wav" };
  if (ascii(head, 0, "ID3") || (head.length >= 2 && head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) {
    return { kind: "voice", mime: "audio/mpeg" };
  }
  if (ascii(head, 0, "%PDF-")) return { kind: "file", mime: "application/pdf" };
  if (ascii(head, 0, "PK\x03\x04")) return { kind: "file", mime: "application/zip" };
  return { kind: "file", mime: "application/octet-stream" };
}
