import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ZoomCall } from '../../src/phone-systems/zoom/plan/index.ts';

/**
 * Checks a planned request against the vendor's documents: the operation exists, every path parameter is filled
 * and no other, every query parameter is declared, each parameter matches its schema, and the body matches the
 * request schema. Objects in the request schemas are closed here (no properties beyond the documented ones), so a
 * misspelt field fails instead of passing as an unknown extra. Only the operations asked for are compiled.
 */

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }> };

const load = (name: string): Document =>
  JSON.parse(readFileSync(new URL(`../../vendor/zoom/${name}`, import.meta.url), 'utf8')) as Document;

let documents: { phone: Document; users: Document } | undefined;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();

/** The problems with a request, in words; empty when the documents accept it. */
export function requestProblems(call: ZoomCall): string[] {
  documents ??= { phone: load('phone-api.json'), users: load('users-api.json') };
  const document = call.path.startsWith('/users') ? documents.users : documents.phone;
  const item = document.paths[call.path];
  const operation = item?.[call.method];
  if (!item || !operation) return [`no operation ${call.method.toUpperCase()} ${call.path}`];
  const problems: string[] = [];
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
  const templated = [...call.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const pathValues: Record<string, unknown> = call.params.path;
  for (const name of templated) {
    if (typeof pathValues[name] !== 'string' || pathValues[name] === '')
      problems.push(`path parameter ${name} empty`);
  }
  for (const name of Object.keys(pathValues)) {
    if (!templated.includes(name)) problems.push(`path parameter ${name} is not in the path`);
  }
  const queryValues: Record<string, unknown> = call.params.query ?? {};
  for (const [name, value] of Object.entries({ ...pathValues, ...queryValues })) {
    const where = name in pathValues ? 'path' : 'query';
    const declared = parameters.find((parameter) => parameter.name === name && parameter.in === where);
    if (!declared) {
      problems.push(`${where} parameter ${name} is not declared`);
      continue;
    }
    if (
      declared.schema &&
      !validator(`${call.method} ${call.path} ${where} ${name}`, declared.schema)(value)
    ) {
      problems.push(`${where} parameter ${name}=${String(value)} does not match its schema`);
    }
  }
  for (const parameter of parameters) {
    const given = parameter.in === 'path' ? pathValues : parameter.in === 'query' ? queryValues : undefined;
    if (parameter.required && given && !(parameter.name in given)) {
      problems.push(`required ${parameter.in} parameter ${parameter.name} missing`);
    }
  }
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  if (call.body === undefined) return problems;
  if (!bodySchema) return [...problems, 'a body is sent but the operation takes none'];
  const validate = validator(`${call.method} ${call.path} body`, closed(bodySchema));
  if (!validate(call.body)) {
    problems.push(...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`));
  }
  return problems;
}

function validator(key: string, schema: Schema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * A copy of the schema where every plain object schema refuses properties it does not document. The members of an
 * `allOf` stay open, since each documents only part of the object.
 */
function closed(schema: unknown, open = false): Schema {
  if (Array.isArray(schema)) return schema.map((member) => closed(member)) as unknown as Schema;
  if (schema === null || typeof schema !== 'object') return schema as Schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') copy[key] = mapValues(value as Schema);
    else if (key === 'allOf') copy[key] = (value as unknown[]).map((member) => closed(member, true));
    else copy[key] = closed(value);
  }
  const combined = 'allOf' in copy || 'oneOf' in copy || 'anyOf' in copy;
  if (!open && 'properties' in copy && !combined && !('additionalProperties' in copy)) {
    copy.additionalProperties = false;
  }
  return copy;
}

const mapValues = (properties: Schema): Schema =>
  Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, closed(value)]));

/** The problems with a 200 answer body, so that test fixtures of Zoom's answers hold only documented fields. */
export function responseProblems(method: 'get', path: string, body: unknown): string[] {
  documents ??= { phone: load('phone-api.json'), users: load('users-api.json') };
  const document = path.startsWith('/users') ? documents.users : documents.phone;
  const operation = document.paths[path]?.[method] as
    | (Operation & { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> })
    | undefined;
  const schema = operation?.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) return [`no 200 answer documented for GET ${path}`];
  const validate = validator(`${method} ${path} 200`, closed(schema));
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `answer${error.instancePath} ${error.message}`);
}
