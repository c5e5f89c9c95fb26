/**
 * The same API on Cloudflare Workers. Native hnswlib cannot load there, so the worker serves a bundle
 * of the current snapshot (plans, chunks, plan texts, vectors; built by `npm run build:worker`) with
 * the exact vector scan; everything else (understanding, answers, the Hono app) is the same code.
 */
import { createAnswering } from "../answer/service.ts";
import { createApp } from "../api/app.ts";
import type { Plan } from "../plans/schema.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import { type EmbedderIdentity, sameEmbedder } from "../retrieval/embeddings/identity.ts";
import { LocalHashEmbeddings } from "../retrieval/embeddings/local.ts";
import { Retriever } from "../retrieval/search.ts";
import { ExactVectorIndex } from "../retrieval/vector.ts";
import type { DocsAssetName } from "../web/docs-page.ts";

export interface WorkerBundle {
  name: string;
  embedder: EmbedderIdentity;
  plans: Plan[];
  chunks: Chunk[];
  sources: Record<string, string>;
  problems: Array<{ file: string; code: string; message_vi: string; message_en: string }>;
  /** Float32 little-endian vectors, row i for chunk i, base64. */
  vectors: string;
}

function decodeVectors(base64: string): Float32Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

export function encodeVectors(vectors: Float32Array): string {
  const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Swagger UI's files, imported as text by the generated entry (npm run build:worker), for /docs. */
export type WorkerDocsAssets = Partial<Record<DocsAssetName, string>>;

export function createWorker(
  bundle: WorkerBundle,
  docs: WorkerDocsAssets = {},
): { fetch: (request: Request) => Promise<Response> } {
  let app: ReturnType<typeof createApp> | null = null;
  const build = () => {
    const embeddings = new LocalHashEmbeddings({ dimensions: bundle.embedder.dimensions ?? undefined });
    if (!sameEmbedder(bundle.embedder, embeddings.identity)) {
      throw new Error(`worker bundle was embedded with ${bundle.embedder.provider}/${bundle.embedder.model}`);
    }
    const vectors = new ExactVectorIndex(decodeVectors(bundle.vectors), embeddings.dimensions);
    const retriever = new Retriever(bundle.plans, bundle.chunks, embeddings, vectors);
    const knowledge = {
      ...bundle,
      retriever,
      vectorIndex: vectors.kind,
      embedder: { identity: embeddings.identity },
    };
    const bundled = Object.keys(docs).length > 0;
    return createApp({
      knowledge,
      answers: createAnswering(knowledge),
      ...(bundled ? { docsAssets: async (name: DocsAssetName) => docs[name] ?? null } : {}),
    });
  };
  return {
    fetch: async (request) => {
      app ??= build();
      return app.fetch(request);
    },
  };
}
