import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FieldError } from './errors.ts';
import type { RateLabel } from './types.ts';

/** Which of the two committed documents describes an operation. */
export type ZoomDocument = 'phone' | 'users';

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type OperationObject = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  'x-rate-limit-label'?: RateLabel;
};
type OpenApi = { paths: Record<string, Record<string, OperationObject>> };

const FILES: Record<ZoomDocument, string> = { phone: 'phone-api.json', users: 'users-api.json' };
const documents = new Map<ZoomDocument, OpenApi>();

function document(name: ZoomDocument): OpenApi {
  let loaded = documents.get(name);
  if (!loaded) {
    const url = new URL(`../../../vendor/zoom/${FILES[name]}`, import.meta.url);
    loaded = JSON.parse(readFileSync(url, 'utf8')) as OpenApi;
    documents.set(name, loaded);
  }
  return loaded;
}

// The documents carry OpenAPI-only keywords (example, deprecated, x-…), which strict mode would refuse. Ajv's code
// optimiser is off: it made compiling the larger operations four times slower (0.9 s for GET /phone/users/{userId})
// for no gain at a stand-in's request rate.
const newAjv = (coerceTypes: boolean) => {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    coerceTypes,
    useDefaults: coerceTypes,
    code: { optimize: false },
  });
  // ajv-formats is CommonJS: under Node's ESM loader its default export is the plugin itself.
  (formatsPlugin as unknown as (a: Ajv) => void)(ajv);
  return ajv;
};
/**
 * The documents' `oneOf` branches declare no required fields and no discriminator, so any object matches several
 * of them and a strict `oneOf` would refuse every valid body (the call handling actions, break hours). Validated
 * as `anyOf`: a value must still fit one of the shapes.
 */
function mendOneOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(mendOneOf);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key === 'oneOf' ? 'anyOf' : key, mendOneOf(value)]),
  );
}
const compile = (ajv: Ajv, schema: Schema) => ajv.compile(mendOneOf(schema) as Schema);

let paramsAjv: Ajv | undefined;
let bodiesAjv: Ajv | undefined;

export function toFieldErrors(errors: ErrorObject[] | null | undefined, root = ''): FieldError[] {
  return (errors ?? []).map((e) => {
    const segments = e.instancePath.split('/').filter(Boolean);
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    if (missing) segments.push(missing);
    const field = [root, ...segments].filter(Boolean).join('.');
    return { field: field || '(body)', message: e.message ?? 'Invalid field.' };
  });
}

/** An operation of the documents, with its validators compiled once, on first use. */
export class OperationContract {
  readonly label: RateLabel | null;
  private params?: ValidateFunction;
  private body?: ValidateFunction | null;
  private readonly responses = new Map<string, ValidateFunction | null>();

  constructor(
    readonly doc: ZoomDocument,
    readonly method: string,
    readonly template: string,
    private readonly op: OperationObject,
  ) {
    this.label = op['x-rate-limit-label'] ?? null;
  }

  /** Path and query parameters, converted to the documents' types; the errors name each parameter. */
  checkParams(
    path: Record<string, string>,
    query: URLSearchParams,
  ): { values: Record<string, unknown>; errors: FieldError[] } {
    const declared = this.op.parameters ?? [];
    if (!this.params) {
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      for (const p of declared) {
        if (p.in !== 'path' && p.in !== 'query') continue;
        properties[p.name] = p.schema ?? {};
        if (p.required) required.push(p.name);
      }
      paramsAjv ??= newAjv(true);
      this.params = compile(paramsAjv, { type: 'object', properties, required });
    }
    const values: Record<string, unknown> = { ...path };
    for (const [key, value] of query) if (!(key in values)) values[key] = value;
    const ok = this.params(values);
    return { values, errors: ok ? [] : toFieldErrors(this.params.errors) };
  }

  hasBody(): boolean {
    return this.bodySchema() !== undefined;
  }

  checkBody(body: unknown): FieldError[] {
    if (this.body === undefined) {
      const schema = this.bodySchema();
      bodiesAjv ??= newAjv(false);
      this.body = schema ? compile(bodiesAjv, schema) : null;
    }
    if (this.body === null) return [];
    if (body === undefined)
      return this.op.requestBody?.required ? [{ field: '(body)', message: 'A body is required.' }] : [];
    return this.body(body) ? [] : toFieldErrors(this.body.errors);
  }

  /** Error answers have no schema in the documents; a success answer must match the one declared. */
  checkResponse(status: number, body: unknown): FieldError[] {
    if (status >= 400) return [];
    const declared = this.op.responses?.[String(status)];
    if (!declared) return [{ field: '(status)', message: `status ${status} is not documented` }];
    if (!this.responses.has(String(status))) {
      const schema = declared.content?.['application/json']?.schema;
      bodiesAjv ??= newAjv(false);
      this.responses.set(String(status), schema ? compile(bodiesAjv, schema) : null);
    }
    const validate = this.responses.get(String(status));
    if (!validate)
      return body === undefined ? [] : [{ field: '(body)', message: 'the documents declare no body here' }];
    if (body === undefined) return [{ field: '(body)', message: 'the documents declare a body here' }];
    return validate(body) ? [] : toFieldErrors(validate.errors);
  }

  private bodySchema(): Schema | undefined {
    return this.op.requestBody?.content?.['application/json']?.schema;
  }
}

const contracts = new Map<string, OperationContract>();

/** The contract of one documented operation; throws when the documents lack it, which is a bug here. */
export function contractOf(doc: ZoomDocument, method: string, template: string): OperationContract {
  const key = `${doc} ${method} ${template}`;
  let contract = contracts.get(key);
  if (!contract) {
    const op = document(doc).paths[template]?.[method.toLowerCase()];
    if (!op) throw new Error(`zoom stand-in: ${method} ${template} is not in ${FILES[doc]}`);
    contract = new OperationContract(doc, method, template, op);
    contracts.set(key, contract);
  }
  return contract;
}
