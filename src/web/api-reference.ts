/**
 * `/docs`: the API reference read from the app's own /openapi.json and written as one plain page:
 * every operation with its parameters, body and responses, and the fields of each schema it names.
 * A few kilobytes, so it opens on a phone on a slow government network; the interactive Swagger UI
 * (half a megabyte of script) is one link away at /docs/swagger.
 */
import { html, raw } from "hono/html";
import { type Html, layout } from "./layout.ts";

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  description?: string;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  nullable?: boolean;
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: SchemaObject;
  }>;
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: SchemaObject }> }>;
}

export interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** A schema's type in a few words: "string", "AskRequest", "array of Citation", "string | null". */
function typeOf(s: SchemaObject | undefined): string {
  if (!s) return "";
  if (s.$ref) return refName(s.$ref);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(" | ");
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const named = types.map((t) => (t === "array" ? `array of ${typeOf(s.items)}` : t));
  if (s.nullable) named.push("null");
  return named.join(" | ") || "object";
}

/** The schema names an operation refers to, directly or through arrays and alternatives. */
function refsOf(s: SchemaObject | undefined, into: Set<string>): void {
  if (!s) return;
  if (s.$ref) into.add(refName(s.$ref));
  refsOf(s.items, into);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) refsOf(alt, into);
}

function fields(schema: SchemaObject): Html {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return html`<p>${typeOf(schema)}</p>`;
  const required = new Set(schema.required ?? []);
  return html`<div class="api-scroll"><table class="api-fields"><thead><tr><th scope="col">Trường</th><th scope="col">Kiểu</th><th scope="col">Bắt buộc</th><th scope="col">Mô tả</th></tr></thead><tbody>${props.map(
    ([name, p]) =>
      html`<tr><td><code>${name}</code></td><td><code>${typeOf(p)}</code></td><td>${required.has(name) ? "có" : "không"}</td><td>${p.description ?? ""}</td></tr>`,
  )}</tbody></table></div>`;
}

const bodySchema = (content: Record<string, { schema?: SchemaObject }> | undefined) =>
  content?.["application/json"]?.schema;

export function apiReferencePage(doc: OpenApiDocument, options: { upload: boolean; swagger: boolean }): Html {
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ path, method, op }] : [];
    }),
  );
  for (const { op } of operations) {
    refsOf(bodySchema(op.requestBody?.content), used);
    for (const r of Object.values(op.responses ?? {})) refsOf(bodySchema(r.content), used);
  }
  const anchor = (name: string) => `schema-${name}`;
  const typeLink = (s: SchemaObject | undefined) => {
    const t = typeOf(s);
    return s?.$ref ? html`<a href="#${anchor(t)}"><code>${t}</code></a>` : html`<code>${t}</code>`;
  };
  const body = html`<h1>Tài liệu API</h1>
<p>${doc.info?.title ?? ""} ${doc.info?.version ? `(phiên bản ${doc.info.version})` : ""}. Mọi đường dẫn nhận và trả JSON; tài liệu OpenAPI đầy đủ ở <a href="/openapi.json">/openapi.json</a>${options.swagger ? raw(', có thể thử gọi trực tiếp trong <a href="/docs/swagger">Swagger UI</a> (khoảng 500 KB)') : ""}.</p>
<nav aria-label="Các đường dẫn"><ul class="api-index">${operations.map(
    ({ path, method }) =>
      html`<li><a href="#op-${method}-${path.replace(/[^a-z0-9]+/giu, "-")}"><code>${method.toUpperCase()} ${path}</code></a></li>`,
  )}</ul></nav>
${operations.map(({ path, method, op }) => {
  const request = bodySchema(op.requestBody?.content);
  return html`<section class="api-op" id="op-${method}-${path.replace(/[^a-z0-9]+/giu, "-")}">
<h2><code>${method.toUpperCase()} ${path}</code></h2>
${op.summary ? html`<p><strong>${op.summary}</strong></p>` : ""}${op.description ? html`<p>${op.description}</p>` : ""}
${
  op.parameters?.length
    ? html`<h3>Tham số</h3><div class="api-scroll"><table class="api-fields"><thead><tr><th scope="col">Tên</th><th scope="col">Vị trí</th><th scope="col">Kiểu</th><th scope="col">Bắt buộc</th><th scope="col">Mô tả</th></tr></thead><tbody>${op.parameters.map(
        (p) =>
          html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td><code>${typeOf(p.schema)}</code></td><td>${p.required ? "có" : "không"}</td><td>${p.description ?? ""}</td></tr>`,
      )}</tbody></table></div>`
    : ""
}
${request ? html`<h3>Nội dung gửi</h3><p>${typeLink(request)}</p>` : ""}
<h3>Trả về</h3><ul>${Object.entries(op.responses ?? {}).map(
    ([code, r]) =>
      html`<li><code>${code}</code> ${r.description ?? ""}${bodySchema(r.content) ? html` — ${typeLink(bodySchema(r.content))}` : ""}</li>`,
  )}</ul>
</section>`;
})}
<h2>Lược đồ dữ liệu</h2>
${[...used]
  .sort()
  .filter((name) => schemas[name])
  .map(
    (name) =>
      html`<section class="api-schema" id="${anchor(name)}"><h3><code>${name}</code></h3>${schemas[name]?.description ? html`<p>${schemas[name]?.description}</p>` : ""}${fields(schemas[name] as SchemaObject)}</section>`,
  )}`;
  return layout({ title: "Tài liệu API", active: "docs", body, upload: options.upload });
}
