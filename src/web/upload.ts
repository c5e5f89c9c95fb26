/**
 * What the upload page needs from the server it runs on: something that takes a plan file, ingests it
 * beside the plans already served and says what it found, or why it refused. Only Node has one (the
 * Worker serves a bundled snapshot and cannot ingest).
 */

export interface UploadReport {
  file: string;
  plan: string;
  title: string;
  format: string;
  pages: number | null;
  tasks: number;
  indicators: number;
  units: string[];
  /** What staff should check in the plan as read (Vietnamese). */
  notes: string[];
  /** Other files of the plan folder that are not served, and why (Vietnamese). */
  skipped: Array<{ file: string; reason: string }>;
  /** Tasks whose deadline could not be read as a date, nor as recurring: listed to check by hand. */
  undated: number;
  snapshot: string;
  plansServed: number;
  ms: number;
}

export type UploadOutcome =
  | { ok: true; report: UploadReport }
  | { ok: false; status: 400 | 409 | 413 | 415 | 422 | 503; message: string };

export interface Uploader {
  /** The largest file accepted, in bytes. */
  maxBytes: number;
  /** Is this the admin code (ADMIN_TOKEN)? Compared in constant time. */
  allows(token: string): boolean;
  accept(file: { name: string; bytes: Uint8Array }): Promise<UploadOutcome>;
}

export const UPLOAD_EXTENSIONS = [".docx", ".pdf", ".txt"] as const;

/** Equal strings, compared without leaving early (so a wrong code's prefix is not timed). */
export function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(1, a.length)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0 && a.length > 0;
}
